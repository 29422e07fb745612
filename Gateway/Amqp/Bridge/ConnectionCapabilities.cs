using Gateway.Amqp.Types;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// The extension capabilities this broker offers in its open (Part 2 §2.7.1 <c>offered-capabilities</c>). Qpid JMS
/// looks for them before it uses a feature; ActiveMQ 5 offers the same two. Only what the broker really does is offered:
/// no <c>SHARED-SUBS</c> (JMS shared subscriptions) and no transactions here.
/// </summary>
public static class ConnectionCapabilities
{
    /// <summary>A sender link whose target has no address; each message goes where its <c>to</c> says (anonymous relay).</summary>
    public static readonly AmqpSymbol AnonymousRelay = new("ANONYMOUS-RELAY");

    /// <summary>The <c>x-opt-delivery-time</c> / <c>x-opt-delivery-delay</c> message annotations schedule a delivery.</summary>
    public static readonly AmqpSymbol DelayedDelivery = new("DELAYED_DELIVERY");

    /// <summary>What the open announces.</summary>
    public static AmqpSymbol[] Offered => [AnonymousRelay, DelayedDelivery];
}
