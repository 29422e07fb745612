using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>Unary minus.</summary>
internal sealed class NegateNode : SelectorNode
{
    private readonly SelectorNode _operand;

    public NegateNode(SelectorNode operand)
        : base(SelectorType.Numeric, 1 + operand.Depth) => _operand = operand;

    public override SelectorValue Evaluate(BrokerMessage message) => SelectorOperations.Negate(_operand.Evaluate(message));
}
