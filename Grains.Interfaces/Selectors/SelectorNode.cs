using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>A node of a compiled selector: evaluates itself against a message without allocating.</summary>
internal abstract class SelectorNode
{
    protected SelectorNode(SelectorType type, int depth)
    {
        Type = type;
        Depth = depth;
    }

    /// <summary>The type known at parse time.</summary>
    public SelectorType Type { get; }

    /// <summary>Height of the tree below (and including) this node: bounds the recursion of evaluation.</summary>
    public int Depth { get; }

    public abstract SelectorValue Evaluate(BrokerMessage message);
}
