using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>std-dist-mode (Part 3 §3.5.7), the distribution-mode of a source: whether a link takes messages from the node.</summary>
public static class DistributionMode
{
    /// <summary>"once successfully transferred over the link, the message will no longer be available to other links from the same node".</summary>
    public static readonly AmqpSymbol Move = new("move");

    /// <summary>"once successfully transferred over the link, the message is still available for other links from the same node" (a queue browser).</summary>
    public static readonly AmqpSymbol Copy = new("copy");
}
