using System.Text;
using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// A JMS header field read from the message's own fields: JMSMessageID, JMSCorrelationID (correlation data as UTF-8),
/// JMSPriority, JMSDeliveryMode ('PERSISTENT' / 'NON_PERSISTENT'), JMSTimestamp (creation time, unix ms),
/// JMSExpiration (unix ms, 0 = never), JMSType (the application property "JMSType") and JMSXGroupID (the message group).
/// </summary>
internal sealed class HeaderNode : IdentifierNode
{
    private readonly Func<BrokerMessage, SelectorValue> _read;

    private HeaderNode(string name, SelectorType type, Func<BrokerMessage, SelectorValue> read)
        : base(name, type) => _read = read;

    public override SelectorValue Evaluate(BrokerMessage message) => _read(message);

    /// <summary>The header node for <paramref name="name"/>, or null when it names an application property.</summary>
    public static HeaderNode? TryCreate(string name) => name switch
    {
        "JMSMessageID" => new(name, SelectorType.String, static m => SelectorValue.FromString(m.MessageId)),
        "JMSCorrelationID" => new(name, SelectorType.String, static m =>
            m.CorrelationData is { } data ? SelectorValue.FromString(Encoding.UTF8.GetString(data.Span)) : SelectorValue.Null),
        "JMSPriority" => new(name, SelectorType.Numeric, static m => SelectorValue.FromInteger(m.Priority)),
        "JMSDeliveryMode" => new(name, SelectorType.String, static m => SelectorValue.FromString(m.Durable ? "PERSISTENT" : "NON_PERSISTENT")),
        "JMSTimestamp" => new(name, SelectorType.Numeric, static m => SelectorValue.FromInteger(m.CreatedAt)),
        "JMSExpiration" => new(name, SelectorType.Numeric, static m => SelectorValue.FromInteger(m.ExpiresAt ?? 0)),
        "JMSType" => new(name, SelectorType.String, static m => SelectorValue.FromString(PropertyNode.Find(m, "JMSType"))),
        "JMSXGroupID" => new(name, SelectorType.String, static m => SelectorValue.FromString(m.GroupId)),
        _ => null,
    };
}
