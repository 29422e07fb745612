using Gateway.Amqp.Types;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// The node-type capabilities of a source or target (Part 3 §3.5.3 / §3.5.4 <c>capabilities</c>) that the JMS mapping
/// uses: Qpid JMS attaches with a bare address and says with <c>queue</c>, <c>topic</c>, <c>temporary-queue</c> or
/// <c>temporary-topic</c> what kind of node it means; ActiveMQ resolves the node from it. This broker answers with the
/// capability of the node it resolved, so the client sees what it got.
/// </summary>
public static class TerminusCapabilities
{
    public static readonly AmqpSymbol Queue = new("queue");

    public static readonly AmqpSymbol Topic = new("topic");

    public static readonly AmqpSymbol TemporaryQueue = new("temporary-queue");

    public static readonly AmqpSymbol TemporaryTopic = new("temporary-topic");

    /// <summary>The node kind the capabilities ask for; null when they name none (a bare address is then a queue).</summary>
    public static AmqpNodeKind? RequestedKind(AmqpSymbol[]? capabilities)
    {
        if (capabilities is null)
        {
            return null;
        }
        foreach (var capability in capabilities)
        {
            if (capability == Topic || capability == TemporaryTopic)
            {
                return AmqpNodeKind.Topic;
            }
            if (capability == Queue || capability == TemporaryQueue)
            {
                return AmqpNodeKind.Queue;
            }
        }
        return null;
    }

    /// <summary>True when the capabilities name a temporary node (a JMS temporary queue or topic).</summary>
    public static bool RequestsTemporary(AmqpSymbol[]? capabilities) =>
        capabilities is not null && (Array.IndexOf(capabilities, TemporaryQueue) >= 0 || Array.IndexOf(capabilities, TemporaryTopic) >= 0);

    /// <summary>The capabilities of the answering terminus: the kind of the node resolved.</summary>
    public static AmqpSymbol[] Of(AmqpNodeKind kind, bool temporary) => (kind, temporary) switch
    {
        (AmqpNodeKind.Topic, true) => [TemporaryTopic],
        (AmqpNodeKind.Topic, false) => [Topic],
        (_, true) => [TemporaryQueue],
        _ => [Queue],
    };
}
