namespace Grains.Interfaces.Selectors;

/// <summary>The run-time type of a value met while evaluating a selector.</summary>
internal enum SelectorValueKind : byte
{
    /// <summary>SQL NULL; as a condition it is UNKNOWN.</summary>
    Null = 0,
    Boolean,
    Integer,
    Float,
    String,

    /// <summary>An application property: a string that takes the type of what it is compared with (a number when it
    /// parses as one and meets a number, a boolean when it is true/false and meets a boolean, a string otherwise).</summary>
    Property,
}
