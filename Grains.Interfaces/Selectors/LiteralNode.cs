using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>A literal: number, string, TRUE or FALSE.</summary>
internal sealed class LiteralNode : SelectorNode
{
    public LiteralNode(SelectorValue value, SelectorType type)
        : base(type, 1) => Value = value;

    public SelectorValue Value { get; }

    public override SelectorValue Evaluate(BrokerMessage message) => Value;
}
