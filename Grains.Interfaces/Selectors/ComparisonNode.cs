using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary><c>left op right</c> for op in =, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=.</summary>
internal sealed class ComparisonNode : SelectorNode
{
    private readonly ComparisonOperator _op;
    private readonly SelectorNode _left;
    private readonly SelectorNode _right;

    public ComparisonNode(ComparisonOperator op, SelectorNode left, SelectorNode right)
        : base(SelectorType.Boolean, 1 + Math.Max(left.Depth, right.Depth))
    {
        _op = op;
        _left = left;
        _right = right;
    }

    public override SelectorValue Evaluate(BrokerMessage message) =>
        SelectorOperations.Compare(_op, _left.Evaluate(message), _right.Evaluate(message));
}
