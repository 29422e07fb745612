using Grains.Interfaces.Queues;
using Grains.Interfaces.Sessions;
using Grains.Interfaces.Topics;
using Microsoft.Extensions.Logging;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Sessions;

/// <summary>
/// An MQTT session (DESIGN.md "SessionGrain"): its subscriptions, will, expiry and QoS 2 packet-id state, durable in
/// grain storage, so a client resumes it through any gateway and after a broker restart. Its inbox is the queue
/// <c>$session/{clientId}</c>, bound to the filters of its QoS 1/2 subscriptions. The connection that owns the session
/// renews a lease; a connection that stops renewing (its gateway died) is treated as lost and its will is published.
/// </summary>
public sealed partial class SessionGrain : PersistentGrain<SessionState>
{
    private const long NeverExpires = uint.MaxValue;
    private readonly SessionGrainOptions _options;
    private readonly ILogger _logger;
    private string? _connectionId;
    private ObserverId _observer;
    private long _renewedAt;

    public SessionGrain(SessionGrainOptions options, ILogger<SessionGrain> logger)
    {
        _options = options;
        _logger = logger;
    }

    private string ClientId => GrainId.Key;

    private string Inbox => SessionGrainKind.InboxQueue(ClientId);

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    protected override SessionState CreateInitialState() => new();

    protected override async Task OnStateLoadedAsync(CancellationToken cancellationToken)
    {
        if (State.Exists && State.ConnectionId is { } connection && State.Observer is { } observer)
        {
            // The session moved (its silo died, stopped, or placement changed) while a connection owned it: that
            // connection keeps the session and gets a fresh lease to renew it; if it is gone too, the lease runs out
            // and the session treats it as lost (will, expiry).
            _connectionId = connection;
            _observer = observer;
            _renewedAt = TimeProvider.GetTimestamp();
        }
        var period = _options.ConnectionLease / 3;
        RegisterTimer(CheckTimersAsync, period, period);
        await CheckTimersAsync().ConfigureAwait(false);
    }

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        switch (request)
        {
            case ConnectSession connect:
                return await ConnectAsync(connect).ConfigureAwait(false);
            case DisconnectSession disconnect:
                if (disconnect.ConnectionId == _connectionId)
                {
                    await EndConnectionAsync(disconnect.Normal, disconnect.ExpirySeconds).ConfigureAwait(false);
                }
                return Ack.Instance;
            case RenewSession renew:
                if (renew.ConnectionId != _connectionId)
                {
                    return new BoolValue(false);
                }
                _renewedAt = TimeProvider.GetTimestamp();
                return new BoolValue(true);
            case SubscribeSession subscribe:
                await SubscribeAsync(subscribe.Subscriptions).ConfigureAwait(false);
                return Ack.Instance;
            case UnsubscribeSession unsubscribe:
                return await UnsubscribeAsync(unsubscribe.Filters).ConfigureAwait(false);
            case InboundQos2 inbound:
                return await InboundAsync(inbound).ConfigureAwait(false);
            case OutboundQos2 outbound:
                State.PendingReleases.RemoveAll(p => p.Tag == outbound.Delivery.Tag && p.Queue == outbound.Delivery.Queue);
                if (!outbound.Completed)
                {
                    State.PendingReleases.Add(outbound.Delivery);
                }
                await WriteStateAsync().ConfigureAwait(false);
                return Ack.Instance;
            default:
                throw Unknown(request);
        }
    }

    private async Task<SessionConnected> ConnectAsync(ConnectSession connect)
    {
        if (_connectionId is not null && _connectionId != connect.ConnectionId)
        {
            // [MQTT-3.1.4-3] the existing connection of this client id is closed (v5 reason 0x8E Session taken over),
            // and its consumers leave the session's queues now, not when their lease runs out: otherwise the queues
            // keep handing messages to a connection that is gone.
            Notify(_observer, new SessionTakenOver(ClientId, _connectionId));
            LogTakenOver(_logger, ClientId, _connectionId, connect.ConnectionId);
            await DetachConsumersAsync(_connectionId).ConfigureAwait(false);
        }
        if (State.Exists && (connect.CleanStart || IsExpired()))
        {
            await EndSessionAsync().ConfigureAwait(false);
        }
        var present = State.Exists;
        State.Exists = true;
        State.ExpirySeconds = connect.ExpirySeconds;
        State.DisconnectedAt = 0;
        State.Will = connect.Will;
        State.WillDelaySeconds = connect.WillDelaySeconds;
        State.WillDueAt = 0; // a reconnect in time cancels a delayed will [MQTT-3.1.3-9]
        State.ConnectionId = connect.ConnectionId;
        State.Observer = connect.Observer;
        await WriteStateAsync().ConfigureAwait(false);
        _connectionId = connect.ConnectionId;
        _observer = connect.Observer;
        _renewedAt = TimeProvider.GetTimestamp();
        return new SessionConnected(present, [.. State.Subscriptions], [.. State.PendingReleases],
            (long)_options.ConnectionLease.TotalMilliseconds);
    }

    /// <summary>The connection ended: publish the will if it ended abnormally, end the session if it expires now.</summary>
    private async Task EndConnectionAsync(bool normal, long? expirySeconds)
    {
        _connectionId = null;
        State.ConnectionId = null;
        State.Observer = null;
        State.DisconnectedAt = Now;
        if (expirySeconds is { } expiry)
        {
            State.ExpirySeconds = expiry;
        }
        if (normal || State.Will is null)
        {
            State.Will = null; // [MQTT-3.1.2-10] a normal DISCONNECT discards the will
        }
        else if (State.WillDelaySeconds == 0 || State.ExpirySeconds == 0)
        {
            await PublishWillAsync().ConfigureAwait(false);
        }
        else
        {
            State.WillDueAt = State.DisconnectedAt + (Math.Min(State.WillDelaySeconds, State.ExpirySeconds) * 1000);
        }
        if (State.ExpirySeconds == 0)
        {
            await EndSessionAsync().ConfigureAwait(false);
        }
        await WriteStateAsync().ConfigureAwait(false);
    }

    private async Task PublishWillAsync()
    {
        var will = State.Will;
        State.Will = null;
        State.WillDueAt = 0;
        if (will is null)
        {
            return;
        }
        try
        {
            await TopicPublisher.PublishReadingRoutesAsync(GrainFactory, will.With(createdAt: Now)).ConfigureAwait(false);
            LogWillPublished(_logger, ClientId, will.Address);
        }
        catch (Exception ex) when (ex is GrainCallException or TimeoutException or Runtime.Messaging.CallRejectedException)
        {
            LogWillFailed(_logger, ClientId, ex);
        }
    }

    /// <summary>Detaches a (previous) connection's consumers from the inbox and the shared queues it consumed.</summary>
    private async Task DetachConsumersAsync(string connectionId)
    {
        var queues = new List<string> { Inbox };
        foreach (var subscription in State.Subscriptions)
        {
            if (subscription.ShareGroup is { } group)
            {
                queues.Add(SessionGrainKind.SharedQueue(group, subscription.Filter));
            }
        }
        foreach (var queue in queues)
        {
            try
            {
                await GrainFactory.GetGrain(QueueGrainKind.Name, queue).CallAsync(new DetachConsumer(connectionId)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is GrainCallException or TimeoutException or Runtime.Messaging.CallRejectedException)
            {
                LogDetachFailed(_logger, ClientId, queue, ex);
            }
        }
    }

    private bool IsExpired() =>
        State.DisconnectedAt > 0 && State.ExpirySeconds != NeverExpires && Now >= State.DisconnectedAt + (State.ExpirySeconds * 1000);

    /// <summary>Ends the session: subscriptions unbound, inbox purged, packet-id state dropped.</summary>
    private async Task EndSessionAsync()
    {
        foreach (var subscription in State.Subscriptions)
        {
            if (subscription.IsQueued && subscription.ShareGroup is null)
            {
                await GrainFactory.GetGrain(TopicGrainKind.Topic, subscription.Filter).CallAsync(new UnbindQueue(Inbox)).ConfigureAwait(false);
            }
        }
        await GrainFactory.GetGrain(QueueGrainKind.Name, Inbox).CallAsync(new PurgeQueue()).ConfigureAwait(false);
        State.Exists = false;
        State.Subscriptions.Clear();
        State.InboundQos2.Clear();
        State.PendingReleases.Clear();
        State.Will = null;
        State.WillDueAt = 0;
    }

    private async Task SubscribeAsync(IReadOnlyList<SessionSubscription> subscriptions)
    {
        foreach (var subscription in subscriptions)
        {
            var previous = State.Subscriptions.FindIndex(s => s.Filter == subscription.Filter && s.ShareGroup == subscription.ShareGroup);
            var wasQueued = previous >= 0 && State.Subscriptions[previous].IsQueued;
            var topic = GrainFactory.GetGrain(TopicGrainKind.Topic, subscription.Filter);
            if (subscription.IsQueued)
            {
                var queue = subscription.ShareGroup is { } group ? SessionGrainKind.SharedQueue(group, subscription.Filter) : Inbox;
                await topic.CallAsync(new BindQueue(queue)).ConfigureAwait(false);
            }
            else if (wasQueued)
            {
                await topic.CallAsync(new UnbindQueue(Inbox)).ConfigureAwait(false); // downgraded to QoS 0: transient now
            }
            if (previous >= 0)
            {
                State.Subscriptions[previous] = subscription; // [MQTT-3.8.4-3] replaces the existing subscription
            }
            else
            {
                State.Subscriptions.Add(subscription);
            }
        }
        await WriteStateAsync().ConfigureAwait(false);
    }

    private async Task<StringList> UnsubscribeAsync(IReadOnlyList<string> filters)
    {
        var missing = new List<string>();
        foreach (var written in filters)
        {
            var (group, filter) = SplitShared(written);
            var index = State.Subscriptions.FindIndex(s => s.Filter == filter && s.ShareGroup == group);
            if (index < 0)
            {
                missing.Add(written);
                continue;
            }
            var subscription = State.Subscriptions[index];
            State.Subscriptions.RemoveAt(index);
            if (subscription.IsQueued && group is null)
            {
                await GrainFactory.GetGrain(TopicGrainKind.Topic, filter).CallAsync(new UnbindQueue(Inbox)).ConfigureAwait(false);
            }
        }
        await WriteStateAsync().ConfigureAwait(false);
        return new StringList(missing);
    }

    private static (string? Group, string Filter) SplitShared(string written) =>
        SharedSubscription.TryParse(written, out var shared) ? (shared.ShareName, shared.TopicFilter) : (null, written);

    private async Task<StringValue> InboundAsync(InboundQos2 inbound)
    {
        if (inbound.Release)
        {
            if (State.InboundQos2.Remove(inbound.PacketId))
            {
                await WriteStateAsync().ConfigureAwait(false);
            }
            return new StringValue(string.Empty);
        }
        if (!State.InboundQos2.TryGetValue(inbound.PacketId, out var messageId))
        {
            messageId = $"mqtt-qos2:{ClientId}:{Guid.NewGuid():N}";
            State.InboundQos2[inbound.PacketId] = messageId;
            await WriteStateAsync().ConfigureAwait(false);
        }
        return new StringValue(messageId);
    }

    /// <summary>Lease of the connection, delayed will, session expiry.</summary>
    private async Task CheckTimersAsync()
    {
        if (_connectionId is not null && TimeProvider.GetElapsedTime(_renewedAt) > _options.ConnectionLease)
        {
            LogConnectionLost(_logger, ClientId, _connectionId);
            await EndConnectionAsync(normal: false, expirySeconds: null).ConfigureAwait(false);
        }
        if (_connectionId is null && State.WillDueAt > 0 && Now >= State.WillDueAt)
        {
            await PublishWillAsync().ConfigureAwait(false);
            await WriteStateAsync().ConfigureAwait(false);
        }
        if (_connectionId is null && State.Exists && IsExpired())
        {
            await PublishWillAsync().ConfigureAwait(false); // [MQTT-3.1.3-9] the will goes at session end at the latest
            await EndSessionAsync().ConfigureAwait(false);
            await WriteStateAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {ClientId}: detaching the previous connection from {Queue} failed; its lease will")]
    private static partial void LogDetachFailed(ILogger logger, string clientId, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {ClientId}: connection {Old} taken over by {New}")]
    private static partial void LogTakenOver(ILogger logger, string clientId, string old, string @new);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {ClientId}: connection {ConnectionId} stopped renewing; treated as lost")]
    private static partial void LogConnectionLost(ILogger logger, string clientId, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {ClientId}: will published on {Topic}")]
    private static partial void LogWillPublished(ILogger logger, string clientId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {ClientId}: publishing the will failed")]
    private static partial void LogWillFailed(ILogger logger, string clientId, Exception exception);
}
