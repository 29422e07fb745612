using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>An application property by name (case-sensitive); the first property of that name wins; absent = NULL.</summary>
internal sealed class PropertyNode : IdentifierNode
{
    public PropertyNode(string name)
        : base(name, SelectorType.Any)
    {
    }

    public override SelectorValue Evaluate(BrokerMessage message) =>
        Find(message, Name) is { } value ? SelectorValue.FromProperty(value) : SelectorValue.Null;

    /// <summary>The value of the first property named <paramref name="name"/>, or null.</summary>
    public static string? Find(BrokerMessage message, string name)
    {
        var properties = message.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (string.Equals(properties[i].Name, name, StringComparison.Ordinal))
            {
                return properties[i].Value;
            }
        }
        return null;
    }
}
