using Grains.Interfaces.Topics;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// An AMQP source or target address resolved to a node (DESIGN.md "Addresses for AMQP"): <c>/queues/NAME</c>,
/// <c>queue://NAME</c> and a bare <c>NAME</c> are queues; <c>/topics/FILTER</c> and <c>topic://FILTER</c> are topics,
/// in the topic namespace MQTT uses (<c>/topics/orders/eu</c> is MQTT's <c>orders/eu</c>; a receiver may use
/// <c>+</c> and <c>#</c>). What a bare <c>NAME</c> is can be said by the terminus capabilities or the JMS destination
/// annotation (<see cref="TerminusCapabilities"/>, <see cref="JmsDestinationType"/>); without them it is a queue.
/// </summary>
public readonly record struct AmqpAddress(AmqpNodeKind Kind, string Name)
{
    public const int MaxNameLength = 1024;

    /// <summary>Parses <paramref name="address"/>; false with the reason when it names nothing.</summary>
    /// <param name="address">The address of the terminus.</param>
    /// <param name="forReceiving">True for a source (a topic filter may use wildcards), false for a target.</param>
    /// <param name="result">The node.</param>
    /// <param name="problem">Why it is refused.</param>
    public static bool TryParse(string? address, bool forReceiving, out AmqpAddress result, out string problem) =>
        TryParse(address, forReceiving, AmqpNodeKind.Queue, out result, out problem);

    /// <summary>Parses <paramref name="address"/>; a bare name is a <paramref name="bareKind"/> node.</summary>
    /// <param name="address">The address of the terminus.</param>
    /// <param name="forReceiving">True for a source (a topic filter may use wildcards), false for a target.</param>
    /// <param name="bareKind">What a name without a prefix names (a prefix always wins).</param>
    /// <param name="result">The node.</param>
    /// <param name="problem">Why it is refused.</param>
    public static bool TryParse(string? address, bool forReceiving, AmqpNodeKind bareKind, out AmqpAddress result, out string problem)
    {
        result = default;
        if (string.IsNullOrEmpty(address))
        {
            problem = "the address is empty; use /queues/NAME, /topics/FILTER, queue://NAME, topic://NAME or NAME";
            return false;
        }
        AmqpNodeKind kind;
        string name;
        if (address.StartsWith("/queues/", StringComparison.Ordinal))
        {
            (kind, name) = (AmqpNodeKind.Queue, address["/queues/".Length..]);
        }
        else if (address.StartsWith("queue://", StringComparison.Ordinal))
        {
            (kind, name) = (AmqpNodeKind.Queue, address["queue://".Length..]);
        }
        else if (address.StartsWith("/topics/", StringComparison.Ordinal))
        {
            (kind, name) = (AmqpNodeKind.Topic, address["/topics/".Length..]);
        }
        else if (address.StartsWith("topic://", StringComparison.Ordinal))
        {
            (kind, name) = (AmqpNodeKind.Topic, address["topic://".Length..]);
        }
        else
        {
            (kind, name) = (bareKind, address);
        }
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            problem = $"'{address}' names no {(kind == AmqpNodeKind.Queue ? "queue" : "topic")} (1 to {MaxNameLength} characters after the prefix)";
            return false;
        }
        if (kind == AmqpNodeKind.Topic)
        {
            var invalid = forReceiving ? TopicFilter.Validate(name) : TopicFilter.ValidateName(name);
            if (invalid is not null)
            {
                problem = $"'{address}': {invalid}";
                return false;
            }
        }
        else if (name.Contains('\0', StringComparison.Ordinal))
        {
            problem = $"queue name '{name}' contains a NUL character";
            return false;
        }
        result = new AmqpAddress(kind, name);
        problem = string.Empty;
        return true;
    }

    public override string ToString() => Kind == AmqpNodeKind.Queue ? "/queues/" + Name : "/topics/" + Name;
}
