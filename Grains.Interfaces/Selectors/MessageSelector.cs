using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// A JMS message selector (JMS 2.0 section 3.8.1; AMQP filter <c>apache.org:selector-filter:string</c>), compiled once
/// and evaluated per message without allocating (except JMSCorrelationID, decoded from bytes). Identifiers are JMS
/// headers (JMSMessageID, JMSCorrelationID, JMSPriority, JMSDeliveryMode, JMSTimestamp, JMSExpiration, JMSType,
/// JMSXGroupID) or else application properties of <see cref="BrokerMessage.Properties"/>; an absent one is NULL.
/// Conditions have SQL's three values: a message matches only when the selector is TRUE (UNKNOWN does not match).
/// </summary>
public sealed class MessageSelector
{
    private readonly SelectorNode _root;

    private MessageSelector(string text, SelectorNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The selector as written.</summary>
    public string Text { get; }

    /// <summary>Compiles <paramref name="text"/>; throws <see cref="SelectorParseException"/> (with the position) when
    /// it is not a valid selector, an empty one included.</summary>
    public static MessageSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MessageSelector(text, SelectorParser.Parse(text));
    }

    /// <summary>Null for "no selector" (null, empty or blank: JMS treats an empty selector as none), otherwise
    /// <see cref="Parse"/>.</summary>
    public static MessageSelector? ParseOptional(string? text) => string.IsNullOrWhiteSpace(text) ? null : Parse(text);

    /// <summary>True when the selector is TRUE for <paramref name="message"/>; FALSE and UNKNOWN do not match.</summary>
    public bool Matches(BrokerMessage message) => Evaluate(message) == true;

    /// <summary>The selector's value for <paramref name="message"/>: true, false, or null for UNKNOWN.</summary>
    public bool? Evaluate(BrokerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SelectorOperations.ToTruth(_root.Evaluate(message)).AsTruth();
    }

    public override string ToString() => Text;
}
