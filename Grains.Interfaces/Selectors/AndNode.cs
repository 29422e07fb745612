using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// <c>a AND b AND ...</c> (flattened, so a long chain does not deepen the tree). SQL three-valued logic: FALSE if any
/// operand is FALSE, else UNKNOWN if any is UNKNOWN, else TRUE. Stops at the first FALSE.
/// </summary>
internal sealed class AndNode : SelectorNode
{
    private readonly SelectorNode[] _operands;

    public AndNode(SelectorNode[] operands)
        : base(SelectorType.Boolean, 1 + operands.Max(o => o.Depth)) => _operands = operands;

    public override SelectorValue Evaluate(BrokerMessage message)
    {
        var unknown = false;
        foreach (var operand in _operands)
        {
            var value = SelectorOperations.ToTruth(operand.Evaluate(message));
            if (value.IsNull)
            {
                unknown = true;
            }
            else if (!value.Boolean)
            {
                return SelectorValue.False;
            }
        }
        return unknown ? SelectorValue.Null : SelectorValue.True;
    }
}
