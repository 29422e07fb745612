using Gateway.Mqtt.Codec;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Sessions;
using Grains.Interfaces.Topics;
using Runtime.Core;

namespace Gateway.Mqtt.Session;

internal sealed partial class MqttConnection
{
    private readonly Dictionary<ushort, InFlightDelivery> _inFlight = [];
    private readonly PacketIdAllocator _packetIds = new();
    private ushort _clientReceiveMaximum;
    private uint _clientMaximumPacketSize;
    private TimeSpan _sessionLease = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries in flight to this client at most: its Receive Maximum (v5) or the default window (v3).</summary>
    private int OutboundWindow => _clientReceiveMaximum;

    private async Task EventLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    switch (message)
                    {
                        case QueueDelivery delivery:
                            OnQueueDelivery(delivery);
                            break;
                        case TopicDelivery delivery:
                            OnTopicDelivery(delivery);
                            break;
                        case SessionTakenOver:
                            LogTakenOver(_logger, _clientId);
                            CloseWith(MqttReasonCode.SessionTakenOver);
                            return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnQueueDelivery(QueueDelivery delivery)
    {
        var message = delivery.Message;
        List<SessionSubscription> matching;
        lock (_lock)
        {
            matching = _subscriptions.Where(s => s.IsQueued && Targets(s, delivery.Queue) && TopicFilter.Matches(s.Filter, message.Address)).ToList();
        }
        // No subscription wants it any more, or "no local" and this client published it [MQTT-3.8.3-3]: consume it quietly.
        if (matching.Count == 0 || (matching.All(s => s.NoLocal) && message.PublisherId == _clientId))
        {
            Settle(delivery.Queue, delivery.Tag);
            return;
        }
        var qos = Math.Min(message.Qos, matching.Max(s => s.Qos));
        var retain = message.Retain && matching.Any(s => s.RetainAsPublished); // [MQTT-3.3.1-12/13]
        var ids = matching.Where(s => s.SubscriptionId != 0).Select(s => s.SubscriptionId).Distinct().ToList();
        Deliver(message, qos, retain, delivery.Queue, delivery.Tag, delivery.DeliveryCount > 0, ids.Count == 0 ? null : ids);
    }

    private bool Targets(SessionSubscription subscription, string queue) => subscription.ShareGroup is { } group
        ? queue == SessionGrainKind.SharedQueue(group, subscription.Filter)
        : queue == SessionGrainKind.InboxQueue(_clientId);

    private void OnTopicDelivery(TopicDelivery delivery)
    {
        SessionSubscription? subscription;
        lock (_lock)
        {
            subscription = _subscriptions.Find(s => !s.IsQueued && s.Filter == delivery.Filter);
        }
        if (subscription is null || (subscription.NoLocal && delivery.Message.PublisherId == _clientId))
        {
            return;
        }
        var retain = delivery.Message.Retain && subscription.RetainAsPublished;
        Deliver(delivery.Message, 0, retain, null, 0, false, subscription.SubscriptionId == 0 ? null : [subscription.SubscriptionId]);
    }

    /// <summary>Sends one message; QoS 1/2 take a packet id and wait in flight for the client's acknowledgement.</summary>
    private void Deliver(BrokerMessage message, int qos, bool retain, string? queue, long tag, bool dup, IReadOnlyList<uint>? subscriptionIds)
    {
        ushort packetId = 0;
        if (qos > 0)
        {
            lock (_lock)
            {
                if (!_packetIds.TryAllocate(out packetId))
                {
                    return; // 65,535 in flight: the queue's credit prevents this; a retained extra is dropped
                }
                _inFlight[packetId] = new InFlightDelivery(packetId, queue, tag, (byte)qos);
            }
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var publish = MqttMessageMapping.ToPublish(message, (MqttQualityOfService)qos, retain, packetId, dup, _version, subscriptionIds, now);
        if (publish is null)
        {
            // Expired [MQTT-3.3.2-5]: discarded as if delivered. (One too large for the client is discarded by the
            // writer, which knows its exact size once its topic alias is chosen.)
            if (qos > 0)
            {
                ReleasePacketId(packetId);
            }
            if (queue is not null)
            {
                Settle(queue, tag);
            }
            return;
        }
        Send(publish);
        if (qos == 0 && queue is not null)
        {
            Settle(queue, tag);
        }
    }

    private void OnPubAck(ushort packetId)
    {
        var delivery = ReleasePacketId(packetId);
        if (delivery?.Queue is { } queue)
        {
            Settle(queue, delivery.Tag);
        }
    }

    /// <summary>QoS 2 PUBREC: the session durably owes PUBREL before the queue forgets the message, so a reconnect
    /// resends PUBREL, never the PUBLISH again (exactly once, MQTT 4.3.3).</summary>
    private async Task OnPubRecAsync(ushort packetId, CancellationToken cancellationToken)
    {
        InFlightDelivery? delivery;
        lock (_lock)
        {
            _inFlight.TryGetValue(packetId, out delivery);
        }
        if (delivery is null)
        {
            Send(new PubRelPacket { PacketIdentifier = packetId, ReasonCode = MqttReasonCode.PacketIdentifierNotFound });
            return;
        }
        if (!delivery.Released && delivery.Queue is { } queue)
        {
            await _grains.GetGrain(SessionGrainKind.Name, _clientId).CallAsync(
                new OutboundQos2(ConnectionId, new PendingRelease(delivery.Tag, packetId, queue), Completed: false), cancellationToken).ConfigureAwait(false);
            Settle(queue, delivery.Tag);
        }
        delivery.Released = true;
        Send(new PubRelPacket { PacketIdentifier = packetId, ReasonCode = MqttReasonCode.Success });
    }

    private async Task OnPubCompAsync(ushort packetId, CancellationToken cancellationToken)
    {
        var delivery = ReleasePacketId(packetId);
        if (delivery?.Queue is { } queue)
        {
            await _grains.GetGrain(SessionGrainKind.Name, _clientId).CallAsync(
                new OutboundQos2(ConnectionId, new PendingRelease(delivery.Tag, packetId, queue), Completed: true), cancellationToken).ConfigureAwait(false);
        }
    }

    private InFlightDelivery? ReleasePacketId(ushort packetId)
    {
        lock (_lock)
        {
            if (!_inFlight.Remove(packetId, out var delivery))
            {
                return null;
            }
            _packetIds.Release(packetId);
            return delivery;
        }
    }

    /// <summary>Accepts a delivery in its queue and gives the consumer one more credit (the in-flight window moves on).</summary>
    private void Settle(string queue, long tag)
    {
        var grain = _grains.GetGrain(QueueGrainKind.Name, queue);
        _ = SettleAsync(grain);

        async Task SettleAsync(GrainReference target)
        {
            try
            {
                await target.CallAsync(new SettleDeliveries(ConnectionId, [tag], SettleOutcome.Accept, Credit: 1)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is GrainCallException or TimeoutException or Runtime.Messaging.CallRejectedException)
            {
                LogSettleFailed(_logger, _clientId, queue, ex);
            }
        }
    }

    /// <summary>After CONNACK: resumes the session's subscriptions and its owed PUBRELs.</summary>
    private async Task RestoreSessionAsync(SessionConnected session, CancellationToken cancellationToken)
    {
        foreach (var pending in session.PendingReleases)
        {
            lock (_lock)
            {
                _packetIds.Reserve(pending.PacketId);
                _inFlight[pending.PacketId] = new InFlightDelivery(pending.PacketId, pending.Queue, pending.Tag, 2) { Released = true };
            }
            Send(new PubRelPacket { PacketIdentifier = pending.PacketId, ReasonCode = MqttReasonCode.Success });
        }
        foreach (var subscription in session.Subscriptions)
        {
            Remember(subscription);
            await StartDeliveryAsync(subscription, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Renews the session, the consumers and transient subscriptions; re-attaches what a moved grain forgot.</summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var current = await _grains.GetGrain(SessionGrainKind.Name, _clientId)
            .CallAsync(new RenewSession(ConnectionId), cancellationToken).ConfigureAwait(false);
        if (!current.Value)
        {
            CloseWith(MqttReasonCode.SessionTakenOver);
            return;
        }
        string[] queues;
        string[] filters;
        lock (_lock)
        {
            queues = [.. _consumedQueues];
            filters = [.. _transientFilters];
        }
        foreach (var queue in queues)
        {
            var unknown = await _grains.GetGrain(QueueGrainKind.Name, queue)
                .CallAsync(new RenewConsumers([ConnectionId]), cancellationToken).ConfigureAwait(false);
            if (unknown.Items.Count > 0)
            {
                lock (_lock)
                {
                    _consumedQueues.Remove(queue);
                }
                await AttachConsumerAsync(queue, cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var filter in filters)
        {
            var unknown = await _grains.GetGrain(TopicGrainKind.Topic, filter)
                .CallAsync(new RenewTopicSubscribers([ConnectionId]), cancellationToken).ConfigureAwait(false);
            if (unknown.Items.Count > 0)
            {
                await _grains.GetGrain(TopicGrainKind.Topic, filter)
                    .CallAsync(new SubscribeTopic(ConnectionId, _observer!.Value), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DetachEverythingAsync()
    {
        string[] queues;
        string[] filters;
        lock (_lock)
        {
            queues = [.. _consumedQueues];
            filters = [.. _transientFilters];
            _consumedQueues.Clear();
            _transientFilters.Clear();
        }
        var calls = new List<Task>();
        foreach (var queue in queues)
        {
            calls.Add(_grains.GetGrain(QueueGrainKind.Name, queue).CallAsync(new DetachConsumer(ConnectionId)).AsTask());
        }
        foreach (var filter in filters)
        {
            calls.Add(_grains.GetGrain(TopicGrainKind.Topic, filter).CallAsync(new UnsubscribeTopic(ConnectionId)).AsTask());
        }
        await Task.WhenAll(calls).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT {ClientId}: session taken over by a new connection; closing this one")]
    private static partial void LogTakenOver(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {ClientId}: settling a delivery of queue {Queue} failed; it will be redelivered")]
    private static partial void LogSettleFailed(ILogger logger, string clientId, string queue, Exception exception);
}
