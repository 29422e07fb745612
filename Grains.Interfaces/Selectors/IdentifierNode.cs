namespace Grains.Interfaces.Selectors;

/// <summary>A name in a selector (a JMS header or an application property): the only thing LIKE, IN and IS NULL
/// apply to.</summary>
internal abstract class IdentifierNode : SelectorNode
{
    protected IdentifierNode(string name, SelectorType type)
        : base(type, 1) => Name = name;

    public string Name { get; }
}
