using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>terminus-expiry-policy (Part 3 §3.5.6), a restricted symbol: when a terminus's expiry timer starts.</summary>
public static class TerminusExpiryPolicy
{
    public static readonly AmqpSymbol LinkDetach = new("link-detach");

    /// <summary>The default.</summary>
    public static readonly AmqpSymbol SessionEnd = new("session-end");

    public static readonly AmqpSymbol ConnectionClose = new("connection-close");

    public static readonly AmqpSymbol Never = new("never");
}
