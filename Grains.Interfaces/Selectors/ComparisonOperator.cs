namespace Grains.Interfaces.Selectors;

/// <summary>=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
