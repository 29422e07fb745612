using Gateway.Mqtt.Codec;
using Grains.Interfaces.Sessions;
using Grains.Interfaces.Topics;

namespace Gateway.Mqtt.Session;

internal sealed partial class MqttConnection
{
    private readonly Dictionary<ushort, string> _inboundAliases = [];

    /// <summary>Completes once the last accepted PUBLISH has handed its message to the topic grains: the next one waits
    /// for it, so a QoS 2 publish, which first asks the session grain for its message id, is not overtaken.</summary>
    private Task _previousRouted = Task.CompletedTask;

    /// <summary>
    /// Takes a PUBLISH: its routing starts now (so publishes reach each topic in the order received), and QoS 1/2 ones
    /// join the ack queue, answered in order [MQTT-4.6.0-2/3] once every durable queue they reach has committed them.
    /// </summary>
    private async Task AcceptPublishAsync(PublishPacket publish, CancellationToken cancellationToken)
    {
        _statistics.Received();
        var topic = ResolveTopic(publish);
        if (TopicFilter.ValidateName(topic) is { } invalid)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, $"topic '{topic}': {invalid}");
        }
        Task<MqttReasonCode> outcome;
        if (_authenticator.MayPublish(_userName, topic))
        {
            var previous = _previousRouted;
            TaskCompletionSource? routed = null;
            if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce || !previous.IsCompleted)
            {
                // Only these wait before routing; any other PUBLISH routes before this call returns.
                routed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _previousRouted = routed.Task;
            }
            outcome = RouteAsync(publish, topic, previous, routed, cancellationToken);
        }
        else
        {
            outcome = Task.FromResult(MqttReasonCode.NotAuthorized);
        }
        if (publish.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            _ = outcome.ContinueWith(static (t, state) => ((MqttConnection)state!).LogQos0Failure(t), this,
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return;
        }
        await _inboundAcks.Writer.WriteAsync(new PendingInbound(publish, outcome), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>v5 topic aliases [MQTT-3.3.2-8..12]: a PUBLISH with a topic and an alias sets it; with only an alias uses it.</summary>
    private string ResolveTopic(PublishPacket publish)
    {
        if (publish.Properties?.TopicAlias is not { } alias)
        {
            return publish.TopicName.Length > 0
                ? publish.TopicName
                : throw new MqttProtocolException(MqttReasonCode.ProtocolError, "an empty topic name without a topic alias");
        }
        if (alias == 0 || alias > _options.TopicAliasMaximum)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"topic alias {alias} is outside 1..{_options.TopicAliasMaximum}");
        }
        if (publish.TopicName.Length > 0)
        {
            _inboundAliases[alias] = publish.TopicName;
            return publish.TopicName;
        }
        return _inboundAliases.TryGetValue(alias, out var topic)
            ? topic
            : throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"topic alias {alias} was never set on this connection");
    }

    /// <summary>Routes one PUBLISH once <paramref name="previous"/> (the one received before it) has handed its message
    /// to the topic grains, so messages keep the order the client sent them in [MQTT-4.6.0-5]; sets
    /// <paramref name="routed"/> when this one has.</summary>
    private async Task<MqttReasonCode> RouteAsync(PublishPacket publish, string topic, Task previous, TaskCompletionSource? routed,
        CancellationToken cancellationToken)
    {
        Task<PublishResult> publishing;
        IReadOnlyList<string> filters;
        try
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            string messageId;
            if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
            {
                // The same id for every resend of this packet id until PUBREL: queues store it once (exactly once).
                messageId = (await _grains.GetGrain(SessionGrainKind.Name, _clientId)
                    .CallAsync(new InboundQos2(ConnectionId, publish.PacketIdentifier, Release: false), cancellationToken).ConfigureAwait(false)).Value;
            }
            else
            {
                messageId = $"mqtt:{_clientId}:{Guid.NewGuid():N}";
            }
            var message = MqttMessageMapping.ToBrokerMessage(publish, topic, messageId, _clientId, now);
            await previous.ConfigureAwait(false); // completes synchronously unless a QoS 2 publish before is still waiting
            filters = _routes.Match(topic);
            if (filters.Count == 0 && !message.Retain)
            {
                return MqttReasonCode.NoMatchingSubscribers;
            }
            // Sends the grain calls before it first waits: once it returns, this message is ahead of the next one.
            publishing = TopicPublisher.PublishAsync(_grains, filters, message, cancellationToken);
        }
        finally
        {
            routed?.TrySetResult();
        }
        var result = await publishing.ConfigureAwait(false);
        if (result.Refused.Count > 0)
        {
            LogRefusedPublish(_logger, _clientId, topic, string.Join("; ", result.Refused));
            return MqttReasonCode.QuotaExceeded;
        }
        return filters.Count == 0 ? MqttReasonCode.NoMatchingSubscribers : MqttReasonCode.Success;
    }

    /// <summary>Answers QoS 1/2 PUBLISHes in the order they arrived, each once its routing is durable.</summary>
    private async Task AckLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _inboundAcks.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var pending))
                {
                    MqttReasonCode reason;
                    try
                    {
                        reason = await pending.Outcome.ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        // Not stored: never acknowledge it. v5 tells the client; v3 cannot, so the connection closes and the
                        // client resends (MQTT 4.4) after reconnecting.
                        LogPublishFailed(_logger, _clientId, ex);
                        if (_version != MqttProtocolVersion.V500)
                        {
                            CloseWith(MqttReasonCode.UnspecifiedError);
                            return;
                        }
                        reason = MqttReasonCode.UnspecifiedError;
                    }
                    if (_version != MqttProtocolVersion.V500 && reason is MqttReasonCode.QuotaExceeded or MqttReasonCode.NotAuthorized)
                    {
                        if (reason == MqttReasonCode.QuotaExceeded)
                        {
                            CloseWith(reason); // v3 has no negative PUBACK: refuse by closing, nothing acknowledged
                            return;
                        }
                    }
                    var code = _version == MqttProtocolVersion.V500 ? reason : MqttReasonCode.Success;
                    Send(pending.Packet.QualityOfService == MqttQualityOfService.AtLeastOnce
                        ? new PubAckPacket { PacketIdentifier = pending.Packet.PacketIdentifier, ReasonCode = code }
                        : new PubRecPacket { PacketIdentifier = pending.Packet.PacketIdentifier, ReasonCode = code });
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void LogQos0Failure(Task task) => LogPublishFailed(_logger, _clientId, task.Exception!.GetBaseException());

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {ClientId}: a publish could not be stored")]
    private static partial void LogPublishFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT {ClientId}: publish to {Topic} refused: {Reasons}")]
    private static partial void LogRefusedPublish(ILogger logger, string clientId, string topic, string reasons);
}
