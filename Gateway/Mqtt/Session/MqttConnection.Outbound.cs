using Gateway.Mqtt.Codec;

namespace Gateway.Mqtt.Session;

internal sealed partial class MqttConnection
{
    /// <summary>The aliases of the PUBLISHes sent on this connection; null when the client announced no Topic Alias
    /// Maximum (or it is 0, or <see cref="MqttGatewayOptions.OutboundTopicAliasMaximum"/> is 0): then none are sent
    /// [MQTT-3.1.2-27]. Only the writer touches it, so aliases are assigned in the order packets reach the wire.</summary>
    private OutboundTopicAliases? _outboundAliases;

    /// <summary>Sets up the connection's outbound aliases from its CONNECT; never carried over from an earlier
    /// connection of the session: alias mappings last only as long as their network connection (MQTT 5.0 §3.3.2.3.4).</summary>
    private void StartOutboundAliases(ConnectPacket connect)
    {
        var maximum = Math.Min(connect.Properties?.TopicAliasMaximum ?? 0, _options.OutboundTopicAliasMaximum);
        _outboundAliases = _version == MqttProtocolVersion.V500 && maximum > 0 ? new OutboundTopicAliases((ushort)maximum) : null;
    }

    /// <summary>
    /// Called by the writer just before it encodes a PUBLISH: replaces the topic by its alias where the client maps it,
    /// assigns one where not, and checks the result against the client's Maximum Packet Size. False when even the
    /// shortest form is too large: the packet is then discarded as if delivered [MQTT-3.1.2-25].
    /// </summary>
    private bool PrepareOutboundPublish(PublishPacket publish)
    {
        if (_version != MqttProtocolVersion.V500)
        {
            return true; // no aliases and no Maximum Packet Size before 5.0
        }
        var topic = publish.TopicName;
        // A resend (DUP) carries its full topic and no alias: it may be the first packet of a new connection, which
        // knows no aliases, and a resend should not depend on the mapping of the packets around it.
        if (_outboundAliases is { } aliases && !publish.Dup && topic.Length > 0)
        {
            var properties = publish.Properties ??= new MqttProperties();
            var alias = aliases.Choose(topic, out var known);
            properties.TopicAlias = alias; // [MQTT-3.3.2-11] at most the client's Topic Alias Maximum
            if (known)
            {
                publish.TopicName = string.Empty;
            }
            if (FitsClient(publish))
            {
                aliases.Commit(topic, alias);
                return true;
            }
            publish.TopicName = topic;
            properties.TopicAlias = null;
            if (known)
            {
                DiscardOversize(publish); // the full topic is longer still
                return false;
            }
        }
        if (FitsClient(publish))
        {
            return true;
        }
        DiscardOversize(publish);
        return false;
    }

    /// <summary>[MQTT-3.1.2-24] no packet larger than the client's Maximum Packet Size.</summary>
    private bool FitsClient(PublishPacket publish) =>
        _clientMaximumPacketSize >= MqttPacketReader.ProtocolMaximumPacketSize
        || MqttPacketWriter.GetPublishSize(publish, MqttProtocolVersion.V500) <= _clientMaximumPacketSize;

    /// <summary>A PUBLISH too large for the client is not sent, and its delivery completes as if it had been: its packet
    /// id is freed and its queue message accepted [MQTT-3.1.2-25] (a QoS 0 one was settled when it was queued).</summary>
    private void DiscardOversize(PublishPacket publish)
    {
        LogOversize(_logger, _clientId, publish.TopicName, _clientMaximumPacketSize);
        if (publish.QualityOfService != MqttQualityOfService.AtMostOnce
            && ReleasePacketId(publish.PacketIdentifier) is { Queue: { } queue } delivery)
        {
            Settle(queue, delivery.Tag);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT {ClientId}: a PUBLISH to {Topic} is larger than the client's maximum packet size {Maximum}; discarded")]
    private static partial void LogOversize(ILogger logger, string clientId, string topic, uint maximum);
}
