using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Selectors;
using Grains.Interfaces.Topics;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Topics;

/// <summary>
/// One subscribed topic filter (DESIGN.md "topics route, queues keep"): holds its bindings, durable queues (persisted)
/// and transient subscribers (in memory, leased), and forwards each publish to all of them. A publish is answered once
/// every bound queue has committed it. The filter is in the route table while it has any binding. A queue bound with a
/// selector receives only the messages the selector matches (JMS durable subscriber).
/// </summary>
public sealed class TopicGrain : PersistentGrain<TopicState>
{
    private readonly TopicGrainOptions _options;
    private readonly Dictionary<string, (ObserverId Observer, long Renewed)> _subscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageSelector> _selectors = new(StringComparer.Ordinal); // compiled State.Selectors
    private bool _routed;

    /// <summary>Forwards whose turn did not hold and that are not answered yet, oldest first.</summary>
    private readonly Queue<Task> _forwarding = new();

    /// <summary>At most this many such forwards are unanswered before a turn holds again.</summary>
    private const int MaxForwardsInFlight = 64;

    /// <summary>A turn of at most this many publishes does not hold.</summary>
    private const int MaxLoneBatch = 4;

    public TopicGrain(TopicGrainOptions options) => _options = options;

    private string Filter => GrainId.Key;

    protected override int MaxBatchSize => _options.MaxBatchSize;

    protected override TopicState CreateInitialState() => new();

    protected override Task OnStateLoadedAsync(CancellationToken cancellationToken)
    {
        if (TopicFilter.Validate(Filter) is { } problem)
        {
            throw new ArgumentException($"'{Filter}' is not a topic filter: {problem}.");
        }
        foreach (var (queue, selector) in State.Selectors)
        {
            _selectors[queue] = MessageSelector.Parse(selector);
        }
        // A reactivated topic with queue bindings is still routed; transient subscribers come back by renewing.
        _routed = State.Queues.Count > 0;
        var period = _options.SubscriberLease / 3;
        RegisterTimer(ExpireSubscribersAsync, period, period);
        return Task.CompletedTask;
    }

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        switch (request)
        {
            case PublishToTopic publish:
                return await ForwardAsync(publish.Messages).ConfigureAwait(false);
            case BindQueue bind:
                await BindAsync(bind.Queue, MessageSelector.ParseOptional(bind.Selector)).ConfigureAwait(false);
                return Ack.Instance;
            case UnbindQueue unbind:
                var removed = State.Queues.Remove(unbind.Queue);
                removed |= State.Selectors.Remove(unbind.Queue);
                _selectors.Remove(unbind.Queue);
                if (removed)
                {
                    await WriteStateAsync().ConfigureAwait(false);
                }
                await UpdateRouteAsync().ConfigureAwait(false);
                return Ack.Instance;
            case SubscribeTopic subscribe:
                _subscribers[subscribe.SubscriberId] = (subscribe.Observer, TimeProvider.GetTimestamp());
                await UpdateRouteAsync().ConfigureAwait(false);
                return new Int64Value((long)_options.SubscriberLease.TotalMilliseconds);
            case UnsubscribeTopic unsubscribe:
                _subscribers.Remove(unsubscribe.SubscriberId);
                await UpdateRouteAsync().ConfigureAwait(false);
                return Ack.Instance;
            case RenewTopicSubscribers renew:
                var unknown = new List<string>();
                var now = TimeProvider.GetTimestamp();
                foreach (var id in renew.SubscriberIds)
                {
                    if (_subscribers.TryGetValue(id, out var subscriber))
                    {
                        _subscribers[id] = (subscriber.Observer, now);
                    }
                    else
                    {
                        unknown.Add(id);
                    }
                }
                return new StringList(unknown);
            case GetTopicBindings:
                return new TopicBindings([.. State.Queues], [.. _subscribers.Keys]);
            default:
                throw Unknown(request);
        }
    }

    /// <summary>
    /// Consecutive publishes are forwarded together: one enqueue per bound queue for the whole batch. A turn of a few
    /// publishes (the topic is not busy) ends once the enqueues are sent (calls to one grain keep the order they are made
    /// in), and its publishers are answered when the queues have committed (<see cref="BatchReplies.CompleteAfter"/>),
    /// so the next publish is forwarded meanwhile and does not wait for this one's commit. Under load (a larger batch
    /// waiting, or many forwards unanswered) the turn holds until the queues answer, so the publishes arriving
    /// meanwhile gather into one larger turn: measured on fan-in QoS 1, forwarding every batch at once made many small
    /// enqueues and cost a third of the throughput.
    /// </summary>
    protected override async ValueTask HandleBatchAsync(IReadOnlyList<IWireMessage> requests, BatchReplies replies)
    {
        while (_forwarding.TryPeek(out var done) && done.IsCompleted)
        {
            _ = _forwarding.Dequeue();
        }
        var messages = new List<BrokerMessage>();
        foreach (var request in requests)
        {
            messages.AddRange(((PublishToTopic)request).Messages);
        }
        var answering = AnswerAsync(ForwardAsync(messages), replies);
        if (requests.Count <= MaxLoneBatch && _forwarding.Count < MaxForwardsInFlight)
        {
            _forwarding.Enqueue(answering);
            replies.CompleteAfter(answering);
            return;
        }
        await answering.ConfigureAwait(false);

        static async Task AnswerAsync(Task<PublishResult> forwarding, BatchReplies replies)
        {
            var result = await forwarding.ConfigureAwait(false);
            for (var i = 0; i < replies.Count; i++)
            {
                replies.Complete(i, result);
            }
        }
    }

    /// <summary>Binds <paramref name="queue"/> or replaces its selector (the queue keeps what it already holds).</summary>
    private async Task BindAsync(string queue, MessageSelector? selector)
    {
        var changed = false;
        if (!State.Queues.Contains(queue, StringComparer.Ordinal))
        {
            State.Queues.Add(queue);
            changed = true;
        }
        if (State.Selectors.GetValueOrDefault(queue) != selector?.Text)
        {
            if (selector is null)
            {
                State.Selectors.Remove(queue);
            }
            else
            {
                State.Selectors[queue] = selector.Text;
            }
            changed = true;
        }
        if (changed)
        {
            await WriteStateAsync().ConfigureAwait(false);
        }
        if (selector is null)
        {
            _selectors.Remove(queue);
        }
        else
        {
            _selectors[queue] = selector;
        }
        await UpdateRouteAsync().ConfigureAwait(false);
    }

    /// <summary>Sends every enqueue and notification before it first waits; after that it touches no grain state (a
    /// turn that does not hold completes it off the turn).</summary>
    private async Task<PublishResult> ForwardAsync(IReadOnlyList<BrokerMessage> messages)
    {
        if (messages.Count == 0)
        {
            return PublishResult.Nothing;
        }
        var enqueues = new List<(string Queue, Task<EnqueueResult> Result)>(State.Queues.Count);
        foreach (var queue in State.Queues)
        {
            var selected = _selectors.TryGetValue(queue, out var selector) ? Select(messages, selector) : messages;
            if (selected.Count > 0)
            {
                enqueues.Add((queue, GrainFactory.GetGrain(QueueGrainKind.Name, queue)
                    .CallAsync(new EnqueueMessages(selected, CreateIfMissing: true)).AsTask()));
            }
        }
        foreach (var (id, subscriber) in _subscribers)
        {
            foreach (var message in messages)
            {
                Notify(subscriber.Observer, new TopicDelivery(Filter, id, message));
            }
        }
        var subscribers = _subscribers.Count;
        var refused = new List<string>();
        foreach (var (queue, enqueue) in enqueues)
        {
            try
            {
                var result = await enqueue.ConfigureAwait(false);
                if (result.Status != EnqueueStatus.Accepted)
                {
                    refused.Add($"{queue}: {result.Reason}");
                }
            }
            catch (Exception ex) when (ex is GrainCallException or TimeoutException or Runtime.Messaging.CallRejectedException)
            {
                refused.Add($"{queue}: {ex.Message}");
            }
        }
        return new PublishResult(enqueues.Count - refused.Count, subscribers, refused);
    }

    /// <summary>The messages <paramref name="selector"/> matches (the same list when it matches them all).</summary>
    private static IReadOnlyList<BrokerMessage> Select(IReadOnlyList<BrokerMessage> messages, MessageSelector selector)
    {
        List<BrokerMessage>? selected = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (selector.Matches(messages[i]))
            {
                selected?.Add(messages[i]);
            }
            else if (selected is null)
            {
                selected = new List<BrokerMessage>(messages.Count);
                for (var j = 0; j < i; j++)
                {
                    selected.Add(messages[j]);
                }
            }
        }
        return selected ?? messages;
    }

    /// <summary>Keeps the route table in step: the filter is routed exactly while it has a binding.</summary>
    private async Task UpdateRouteAsync()
    {
        var shouldRoute = State.Queues.Count > 0 || _subscribers.Count > 0;
        if (shouldRoute == _routed)
        {
            return;
        }
        var table = GrainFactory.GetGrain(TopicGrainKind.RouteTable, TopicGrainKind.RouteTableKey);
        if (shouldRoute)
        {
            await table.CallAsync(new AddRoute(Filter)).ConfigureAwait(false);
        }
        else
        {
            await table.CallAsync(new RemoveRoute(Filter)).ConfigureAwait(false);
        }
        _routed = shouldRoute;
    }

    private async Task ExpireSubscribersAsync()
    {
        var expired = _subscribers.Where(s => TimeProvider.GetElapsedTime(s.Value.Renewed) > _options.SubscriberLease).Select(s => s.Key).ToList();
        foreach (var id in expired)
        {
            _subscribers.Remove(id);
        }
        if (expired.Count > 0)
        {
            await UpdateRouteAsync().ConfigureAwait(false);
        }
    }
}
