using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary><c>NOT a</c>: NOT UNKNOWN is UNKNOWN.</summary>
internal sealed class NotNode : SelectorNode
{
    private readonly SelectorNode _operand;

    public NotNode(SelectorNode operand)
        : base(SelectorType.Boolean, 1 + operand.Depth) => _operand = operand;

    public override SelectorValue Evaluate(BrokerMessage message)
    {
        var value = SelectorOperations.ToTruth(_operand.Evaluate(message));
        return value.IsNull ? value : SelectorValue.FromBoolean(!value.Boolean);
    }
}
