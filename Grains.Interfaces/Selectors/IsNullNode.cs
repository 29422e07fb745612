using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary><c>identifier IS [NOT] NULL</c>: never UNKNOWN.</summary>
internal sealed class IsNullNode : SelectorNode
{
    private readonly IdentifierNode _identifier;
    private readonly bool _negated;

    public IsNullNode(IdentifierNode identifier, bool negated)
        : base(SelectorType.Boolean, 2)
    {
        _identifier = identifier;
        _negated = negated;
    }

    public override SelectorValue Evaluate(BrokerMessage message) =>
        SelectorValue.FromBoolean(_identifier.Evaluate(message).IsNull != _negated);
}
