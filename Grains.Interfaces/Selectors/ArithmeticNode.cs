using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary><c>left op right</c> for op in +, -, *, /.</summary>
internal sealed class ArithmeticNode : SelectorNode
{
    private readonly ArithmeticOperator _op;
    private readonly SelectorNode _left;
    private readonly SelectorNode _right;

    public ArithmeticNode(ArithmeticOperator op, SelectorNode left, SelectorNode right)
        : base(SelectorType.Numeric, 1 + Math.Max(left.Depth, right.Depth))
    {
        _op = op;
        _left = left;
        _right = right;
    }

    public override SelectorValue Evaluate(BrokerMessage message) =>
        SelectorOperations.Arithmetic(_op, _left.Evaluate(message), _right.Evaluate(message));
}
