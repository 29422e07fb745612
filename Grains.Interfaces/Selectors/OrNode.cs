using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// <c>a OR b OR ...</c> (flattened). SQL three-valued logic: TRUE if any operand is TRUE, else UNKNOWN if any is
/// UNKNOWN, else FALSE. Stops at the first TRUE.
/// </summary>
internal sealed class OrNode : SelectorNode
{
    private readonly SelectorNode[] _operands;

    public OrNode(SelectorNode[] operands)
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
            else if (value.Boolean)
            {
                return SelectorValue.True;
            }
        }
        return unknown ? SelectorValue.Null : SelectorValue.False;
    }
}
