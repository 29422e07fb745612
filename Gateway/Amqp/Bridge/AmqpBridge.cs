using Gateway.Amqp.Framing;
using Gateway.Routing;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Topics;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// The only AMQP code that knows the grains: sends go to a queue's journal or through the topic routes; receivers are
/// queue consumers (credit, settle, detach) or transient topic subscribers; durable subscriptions are queues bound to
/// a topic filter. Shared by every connection of the gateway.
/// </summary>
public sealed partial class AmqpBridge
{
    private readonly IGrainFactory _grains;
    private readonly RouteTableCache _routes;

    public AmqpBridge(IGrainFactory grains, IObserverFactory observers, RouteTableCache routes)
    {
        _grains = grains;
        Observers = observers;
        _routes = routes;
    }

    public IObserverFactory Observers { get; }

    /// <summary>Creates the queue when auto-create allows it; null when it exists now, else why not (for amqp:not-found).</summary>
    public async Task<string?> EnsureQueueAsync(string queue, CancellationToken cancellationToken)
    {
        var result = await Queue(queue).CallAsync(new EnqueueMessages([], CreateIfMissing: true), cancellationToken).ConfigureAwait(false);
        return result.Status == EnqueueStatus.NotFound ? result.Reason ?? $"queue '{queue}' does not exist" : null;
    }

    /// <summary>Stores or routes one message; completes once every durable queue it reaches has committed it.</summary>
    public async Task<SendOutcome> SendAsync(AmqpAddress target, BrokerMessage message, CancellationToken cancellationToken)
    {
        if (target.Kind == AmqpNodeKind.Queue)
        {
            var result = await Queue(target.Name).CallAsync(new EnqueueMessages([message], CreateIfMissing: true), cancellationToken).ConfigureAwait(false);
            return result.Status switch
            {
                EnqueueStatus.Accepted => SendOutcome.Stored,
                EnqueueStatus.QueueFull => SendOutcome.Refused(AmqpErrorCondition.ResourceLimitExceeded, result.Reason ?? $"queue '{target.Name}' is full"),
                _ => SendOutcome.Refused(AmqpErrorCondition.NotFound, result.Reason ?? $"queue '{target.Name}' does not exist"),
            };
        }
        var published = await TopicPublisher.PublishAsync(_grains, _routes.Match(target.Name), message, cancellationToken).ConfigureAwait(false);
        return published.Refused.Count == 0
            ? SendOutcome.Stored
            : SendOutcome.Refused(AmqpErrorCondition.ResourceLimitExceeded, $"not stored by {string.Join(", ", published.Refused)}");
    }

    public ValueTask<ConsumerAttached> AttachConsumerAsync(string queue, string consumerId, ObserverId observer, int credit, string? selector,
        CancellationToken cancellationToken) =>
        Queue(queue).CallAsync(new AttachConsumer(consumerId, observer, credit, selector), cancellationToken);

    public ValueTask<BoolValue> AddCreditAsync(string queue, string consumerId, int credit, bool drain, CancellationToken cancellationToken) =>
        Queue(queue).CallAsync(new AddCredit(consumerId, credit, drain), cancellationToken);

    /// <summary>Settles deliveries; <paramref name="credit"/> more deliveries are granted in the same turn.</summary>
    public ValueTask<Ack> SettleAsync(string queue, string consumerId, IReadOnlyList<long> tags, SettleOutcome outcome, bool deliveryFailed, bool undeliverableHere,
        string? reason, int credit, CancellationToken cancellationToken) =>
        Queue(queue).CallAsync(new SettleDeliveries(consumerId, tags, outcome, deliveryFailed, undeliverableHere, reason, credit), cancellationToken);

    public ValueTask<Ack> DetachConsumerAsync(string queue, string consumerId, CancellationToken cancellationToken) =>
        Queue(queue).CallAsync(new DetachConsumer(consumerId), cancellationToken);

    /// <summary>The consumer ids the queue no longer knows (lease expired, queue moved): attach those again.</summary>
    public async Task<IReadOnlyList<string>> RenewConsumersAsync(string queue, IReadOnlyList<string> consumerIds, CancellationToken cancellationToken) =>
        (await Queue(queue).CallAsync(new RenewConsumers(consumerIds), cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>Reads up to <paramref name="max"/> messages after <paramref name="afterTag"/> in queue order without consuming them (a browser).</summary>
    public async Task<IReadOnlyList<QueuedMessage>> BrowseAsync(string queue, long afterTag, int max, CancellationToken cancellationToken) =>
        (await Queue(queue).CallAsync(new BrowseQueue(afterTag, max), cancellationToken).ConfigureAwait(false)).Messages;

    /// <summary>Deletes a temporary queue's messages (a dynamic node or a durable subscription that was closed).</summary>
    public ValueTask<Int64Value> PurgeAsync(string queue, CancellationToken cancellationToken) => Queue(queue).CallAsync(new PurgeQueue(), cancellationToken);

    /// <summary>Starts a transient topic subscription: matching publishes are pushed to <paramref name="observer"/> while it lasts.</summary>
    public async Task SubscribeTopicAsync(string filter, string subscriberId, ObserverId observer, CancellationToken cancellationToken)
    {
        _routes.AddLocal(filter);
        await Topic(filter).CallAsync(new SubscribeTopic(subscriberId, observer), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<Ack> UnsubscribeTopicAsync(string filter, string subscriberId, CancellationToken cancellationToken) =>
        Topic(filter).CallAsync(new UnsubscribeTopic(subscriberId), cancellationToken);

    public async Task<IReadOnlyList<string>> RenewTopicSubscribersAsync(string filter, IReadOnlyList<string> subscriberIds, CancellationToken cancellationToken) =>
        (await Topic(filter).CallAsync(new RenewTopicSubscribers(subscriberIds), cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>Binds a durable subscription's queue to a topic filter (idempotent).</summary>
    public async Task BindAsync(string filter, string queue, string? selector, CancellationToken cancellationToken)
    {
        _routes.AddLocal(filter);
        await Topic(filter).CallAsync(new BindQueue(queue, selector), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<Ack> UnbindAsync(string filter, string queue, CancellationToken cancellationToken) =>
        Topic(filter).CallAsync(new UnbindQueue(queue), cancellationToken);

    private GrainReference Queue(string name) => _grains.GetGrain(QueueGrainKind.Name, name);

    private GrainReference Topic(string filter) => _grains.GetGrain(TopicGrainKind.Topic, filter);
}
