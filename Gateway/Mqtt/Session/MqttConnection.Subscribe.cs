using Gateway.Mqtt.Codec;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Retained;
using Grains.Interfaces.Sessions;
using Grains.Interfaces.Topics;

namespace Gateway.Mqtt.Session;

internal sealed partial class MqttConnection
{
    private readonly List<SessionSubscription> _subscriptions = [];
    private readonly HashSet<string> _transientFilters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consumedQueues = new(StringComparer.Ordinal);

    private async Task SubscribeAsync(SubscribePacket subscribe, CancellationToken cancellationToken)
    {
        var codes = new List<MqttReasonCode>(subscribe.Subscriptions.Count);
        var accepted = new List<SessionSubscription>();
        var subscriptionId = subscribe.Properties is { HasSubscriptionIdentifiers: true } p ? (uint)p.SubscriptionIdentifiers[0] : 0u;
        foreach (var requested in subscribe.Subscriptions)
        {
            var (group, filter, problem) = ParseFilter(requested.TopicFilter);
            if (problem is not null)
            {
                LogBadFilter(_logger, _clientId, requested.TopicFilter, problem);
                codes.Add(_version == MqttProtocolVersion.V500 ? MqttReasonCode.TopicFilterInvalid : MqttReasonCode.UnspecifiedError);
                continue;
            }
            if (group is not null && requested.Options.NoLocal)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "no local on a shared subscription [MQTT-3.8.3-4]");
            }
            if (!_authenticator.MaySubscribe(_userName, requested.TopicFilter))
            {
                codes.Add(_version == MqttProtocolVersion.V500 ? MqttReasonCode.NotAuthorized : MqttReasonCode.UnspecifiedError);
                continue;
            }
            var qos = (byte)Math.Min((int)requested.Options.QualityOfService, 2);
            accepted.Add(new SessionSubscription(filter, qos, requested.Options.NoLocal, requested.Options.RetainAsPublished,
                (byte)requested.Options.RetainHandling, subscriptionId, group));
            codes.Add((MqttReasonCode)qos);
        }
        var isNew = new List<bool>(accepted.Count);
        if (accepted.Count > 0)
        {
            await _grains.GetGrain(SessionGrainKind.Name, _clientId)
                .CallAsync(new SubscribeSession(ConnectionId, accepted), cancellationToken).ConfigureAwait(false);
            foreach (var subscription in accepted)
            {
                isNew.Add(Remember(subscription));
                await StartDeliveryAsync(subscription, cancellationToken).ConfigureAwait(false);
            }
        }
        var ack = new SubAckPacket { PacketIdentifier = subscribe.PacketIdentifier };
        ack.ReasonCodes.AddRange(codes);
        Send(ack);
        for (var i = 0; i < accepted.Count; i++)
        {
            var subscription = accepted[i];
            var sendRetained = subscription.ShareGroup is null && subscription.RetainHandling switch
            {
                0 => true,
                1 => isNew[i],
                _ => false,
            };
            if (sendRetained)
            {
                await SendRetainedAsync(subscription, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts the flow of messages for a subscription: transient topic subscriber (QoS 0), the session inbox or
    /// the shared group's queue as a consumer (QoS 1/2, shared).</summary>
    private async Task StartDeliveryAsync(SessionSubscription subscription, CancellationToken cancellationToken)
    {
        _routes.AddLocal(subscription.Filter);
        if (!subscription.IsQueued)
        {
            await _grains.GetGrain(TopicGrainKind.Topic, subscription.Filter)
                .CallAsync(new SubscribeTopic(ConnectionId, _observer!.Value), cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _transientFilters.Add(subscription.Filter);
            }
            return;
        }
        var queue = subscription.ShareGroup is { } group ? SessionGrainKind.SharedQueue(group, subscription.Filter) : SessionGrainKind.InboxQueue(_clientId);
        await AttachConsumerAsync(queue, cancellationToken).ConfigureAwait(false);
    }

    private async Task AttachConsumerAsync(string queue, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_consumedQueues.Add(queue))
            {
                return;
            }
        }
        var attached = await _grains.GetGrain(QueueGrainKind.Name, queue)
            .CallAsync(new AttachConsumer(ConnectionId, _observer!.Value, OutboundWindow), cancellationToken).ConfigureAwait(false);
        if (!attached.Attached)
        {
            throw new MqttProtocolException(MqttReasonCode.ImplementationSpecificError, $"queue '{queue}' refused the consumer: {attached.Reason}");
        }
    }

    private async Task UnsubscribeAsync(UnsubscribePacket unsubscribe, CancellationToken cancellationToken)
    {
        var missing = await _grains.GetGrain(SessionGrainKind.Name, _clientId)
            .CallAsync(new UnsubscribeSession(ConnectionId, unsubscribe.TopicFilters), cancellationToken).ConfigureAwait(false);
        var ack = new UnsubAckPacket { PacketIdentifier = unsubscribe.PacketIdentifier };
        foreach (var written in unsubscribe.TopicFilters)
        {
            var (group, filter, _) = ParseFilter(written);
            var known = !missing.Items.Contains(written);
            ack.ReasonCodes.Add(known ? MqttReasonCode.Success : MqttReasonCode.NoSubscriptionExisted);
            if (!known)
            {
                continue;
            }
            SessionSubscription? removed;
            lock (_lock)
            {
                var index = _subscriptions.FindIndex(s => s.Filter == filter && s.ShareGroup == group);
                removed = index < 0 ? null : _subscriptions[index];
                if (index >= 0)
                {
                    _subscriptions.RemoveAt(index);
                }
            }
            if (removed is { IsQueued: false })
            {
                lock (_lock)
                {
                    _transientFilters.Remove(filter);
                }
                await _grains.GetGrain(TopicGrainKind.Topic, filter).CallAsync(new UnsubscribeTopic(ConnectionId), cancellationToken).ConfigureAwait(false);
            }
            else if (removed?.ShareGroup is { } shareGroup)
            {
                var queue = SessionGrainKind.SharedQueue(shareGroup, filter);
                lock (_lock)
                {
                    _consumedQueues.Remove(queue);
                }
                await _grains.GetGrain(QueueGrainKind.Name, queue).CallAsync(new DetachConsumer(ConnectionId), cancellationToken).ConfigureAwait(false);
            }
        }
        Send(ack);
    }

    /// <summary>Retained messages matching a new subscription, sent with RETAIN set [MQTT-3.3.1-9] at min(QoS).</summary>
    private async Task SendRetainedAsync(SessionSubscription subscription, CancellationToken cancellationToken)
    {
        var partitions = new List<string>();
        var first = RetainedGrainKind.PartitionOf(subscription.Filter);
        if (first is "+" or "#")
        {
            var levels = await _grains.GetGrain(RetainedGrainKind.Index, RetainedGrainKind.IndexKey)
                .CallAsync(new GetRetainedLevels(), cancellationToken).ConfigureAwait(false);
            partitions.AddRange(levels.Items.Where(l => !l.StartsWith('$'))); // [MQTT-4.7.2-1]
        }
        else
        {
            partitions.Add(first);
        }
        foreach (var partition in partitions)
        {
            var found = await _grains.GetGrain(RetainedGrainKind.Partition, partition)
                .CallAsync(new GetRetained(subscription.Filter), cancellationToken).ConfigureAwait(false);
            foreach (var message in found.Messages)
            {
                Deliver(message, Math.Min(message.Qos, subscription.Qos), retain: true, queue: null, tag: 0, dup: false,
                    subscription.SubscriptionId == 0 ? null : [subscription.SubscriptionId]);
            }
        }
    }

    /// <summary>True when the subscription is new (not replacing one on the same filter).</summary>
    private bool Remember(SessionSubscription subscription)
    {
        lock (_lock)
        {
            var index = _subscriptions.FindIndex(s => s.Filter == subscription.Filter && s.ShareGroup == subscription.ShareGroup);
            if (index >= 0)
            {
                _subscriptions[index] = subscription;
                return false;
            }
            _subscriptions.Add(subscription);
            return true;
        }
    }

    /// <summary>Splits <c>$share/{group}/{filter}</c> and validates [MQTT-4.8.2-1/2]; problem is null when valid.</summary>
    private static (string? Group, string Filter, string? Problem) ParseFilter(string written)
    {
        if (!SharedSubscription.IsShared(written))
        {
            return (null, written, TopicFilter.Validate(written));
        }
        return SharedSubscription.TryParse(written, out var shared)
            ? (shared.ShareName, shared.TopicFilter, TopicFilter.Validate(shared.TopicFilter))
            : (null, written, "a shared subscription is $share/{group}/{filter}, the group without '+', '#' or '/'");
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "MQTT {ClientId}: subscription to '{Filter}' refused: {Problem}")]
    private static partial void LogBadFilter(Microsoft.Extensions.Logging.ILogger logger, string clientId, string filter, string problem);
}
