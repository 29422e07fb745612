using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Grains.Interfaces.Queues;

namespace Gateway.Amqp.Session;

/// <summary>
/// What a terminus asks for beyond its address (Part 3 §3.5.3 / §3.5.4) and how the answering attach says what was
/// resolved: the node-type capabilities of the JMS mapping (<see cref="TerminusCapabilities"/>) and the source's
/// distribution-mode (§3.5.7).
/// </summary>
internal sealed partial class AmqpConnection
{
    /// <summary>What a bare address names for this terminus: the kind its capabilities ask for, else a queue.</summary>
    private static AmqpNodeKind BareKind(Terminus terminus) =>
        TerminusCapabilities.RequestedKind(terminus.Capabilities) ?? AmqpNodeKind.Queue;

    /// <summary>
    /// A dynamic terminus (§3.5.3 / §3.5.4 <c>dynamic</c>) asking for <c>temporary-topic</c> gets a temporary topic, any
    /// other a temporary queue, named <c>$temp/{connection}/{n}</c> (a <c>$</c> topic, so MQTT's <c>#</c> does not see it).
    /// </summary>
    private AmqpAddress DynamicNode(Terminus terminus)
    {
        var kind = TerminusCapabilities.RequestedKind(terminus.Capabilities) ?? AmqpNodeKind.Queue;
        return new AmqpAddress(kind, $"{BrokerManagedQueues.TemporaryPrefix}{ConnectionId}/{++_dynamicCounter}");
    }

    /// <summary>A temporary node this connection created: its links need no permission of the user (the node is theirs).</summary>
    private bool IsOwnTemporaryNode(AmqpAddress address) => address.Name.StartsWith($"{BrokerManagedQueues.TemporaryPrefix}{ConnectionId}/", StringComparison.Ordinal);

    /// <summary>A temporary queue made by a dynamic target goes with its link (JMS TemporaryQueue.delete or the connection's end).</summary>
    private async Task DeleteTemporaryQueueAsync(IncomingLink link)
    {
        try
        {
            await _bridge.PurgeAsync(link.Address.Name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(_logger, _containerId, link.Name, ex.Message);
        }
    }

    /// <summary>
    /// The address a dynamic source is answered with (§3.5.3 "the address of the dynamically created node"): a temporary
    /// queue's bare name, or a temporary topic as <c>/topics/…</c> so a message addressed to it reaches it without
    /// capabilities or annotations.
    /// </summary>
    private static string DynamicAddress(AmqpAddress node) => node.Kind == AmqpNodeKind.Queue ? node.Name : node.ToString();

    /// <summary>The target of the answering attach: as asked, with the capability of the node resolved (none for the anonymous relay).</summary>
    private static Target AnswerTarget(IncomingLink link, Target requested) => new()
    {
        Address = requested.Dynamic ? DynamicAddress(link.Address) : requested.Address,
        Durable = requested.Durable,
        ExpiryPolicy = requested.ExpiryPolicy,
        Timeout = requested.Timeout,
        Dynamic = requested.Dynamic,
        DynamicNodeProperties = requested.DynamicNodeProperties,
        Capabilities = link.AnonymousRelay ? null : TerminusCapabilities.Of(link.Address.Kind, requested.Dynamic || TerminusCapabilities.RequestsTemporary(requested.Capabilities)),
    };

    /// <summary>The source's capabilities in the answering attach: the kind of node the link receives from.</summary>
    private static AmqpSymbol[] AnswerCapabilities(OutgoingLink link, Source requested) =>
        TerminusCapabilities.Of(link.Address.Kind, requested.Dynamic || TerminusCapabilities.RequestsTemporary(requested.Capabilities));

    /// <summary>
    /// §3.5.7: a browser (copy on a queue) is answered with <c>copy</c>; on a topic every receiver gets its own copy
    /// anyway, so what was asked is echoed; a queue consumer takes messages (<c>move</c> when asked).
    /// </summary>
    private static AmqpSymbol? AnswerDistributionMode(OutgoingLink link, Source requested)
    {
        if (link.SourceKind == OutgoingSource.Browse)
        {
            return DistributionMode.Copy;
        }
        if (requested.DistributionMode is not { } mode || (mode != DistributionMode.Move && mode != DistributionMode.Copy))
        {
            return null;
        }
        return link.Address.Kind == AmqpNodeKind.Topic ? mode : DistributionMode.Move;
    }
}
