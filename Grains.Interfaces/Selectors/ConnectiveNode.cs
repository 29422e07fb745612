using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// <c>a AND b AND ...</c> or <c>a OR b OR ...</c> (flattened, so a long chain does not deepen the tree), in SQL
/// three-valued logic. AND is FALSE if any operand is FALSE, else UNKNOWN if any is UNKNOWN, else TRUE; OR is the dual
/// (TRUE if any is TRUE, else UNKNOWN if any is UNKNOWN, else FALSE). Evaluation stops at the first operand that
/// decides: FALSE for AND, TRUE for OR.
/// </summary>
internal sealed class ConnectiveNode : SelectorNode
{
    private readonly SelectorNode[] _operands;
    private readonly bool _deciding;

    private ConnectiveNode(SelectorNode[] operands, bool deciding)
        : base(SelectorType.Boolean, 1 + operands.Max(o => o.Depth))
    {
        _operands = operands;
        _deciding = deciding;
    }

    public static ConnectiveNode And(SelectorNode[] operands) => new(operands, deciding: false);

    public static ConnectiveNode Or(SelectorNode[] operands) => new(operands, deciding: true);

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
            else if (value.Boolean == _deciding)
            {
                return _deciding ? SelectorValue.True : SelectorValue.False;
            }
        }
        return unknown ? SelectorValue.Null : _deciding ? SelectorValue.False : SelectorValue.True;
    }
}
