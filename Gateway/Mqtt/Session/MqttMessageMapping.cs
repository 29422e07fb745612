using Gateway.Mqtt.Codec;
using Grains.Interfaces.Messages;

namespace Gateway.Mqtt.Session;

/// <summary>
/// MQTT PUBLISH to the broker's message and back (docs/protocol-mapping.md): message expiry interval, content type,
/// response topic (reply-to), correlation data, payload format indicator and user properties pass through unchanged.
/// </summary>
internal static class MqttMessageMapping
{
    public static BrokerMessage ToBrokerMessage(PublishPacket publish, string topic, string messageId, string clientId, long nowUnixMs)
    {
        var properties = publish.Properties;
        IReadOnlyList<MessageProperty> user = [];
        if (properties is { HasUserProperties: true })
        {
            var list = new MessageProperty[properties.UserProperties.Count];
            for (var i = 0; i < list.Length; i++)
            {
                var p = properties.UserProperties[i];
                list[i] = new MessageProperty(p.Name, p.Value);
            }
            user = list;
        }
        return new BrokerMessage
        {
            MessageId = messageId,
            Address = topic,
            Payload = publish.Payload,
            Qos = (byte)publish.QualityOfService,
            Retain = publish.Retain,
            CreatedAt = nowUnixMs,
            PublisherId = clientId,
            ExpiresAt = properties?.MessageExpiryInterval is { } expiry ? nowUnixMs + (expiry * 1000L) : null,
            ContentType = properties?.ContentType,
            ReplyTo = properties?.ResponseTopic,
            CorrelationData = properties?.CorrelationData,
            PayloadIsUtf8 = properties?.PayloadFormatIndicator is { } format ? format == MqttPayloadFormatIndicator.CharacterData : null,
            Properties = user,
        };
    }

    public static BrokerMessage WillToBrokerMessage(MqttWillMessage will, string clientId, long nowUnixMs)
    {
        var publish = new PublishPacket
        {
            TopicName = will.Topic,
            Payload = will.Payload,
            QualityOfService = will.QualityOfService,
            Retain = will.Retain,
            Properties = will.Properties,
        };
        return ToBrokerMessage(publish, will.Topic, $"mqtt-will:{clientId}:{Guid.NewGuid():N}", clientId, nowUnixMs);
    }

    /// <summary>A PUBLISH for <paramref name="message"/> at <paramref name="qos"/>; v5 properties only for a v5 client.
    /// Returns null when the message expired (it must not be sent [MQTT-3.3.2-5]).</summary>
    public static PublishPacket? ToPublish(BrokerMessage message, MqttQualityOfService qos, bool retain, ushort packetId, bool dup,
        MqttProtocolVersion version, IReadOnlyList<uint>? subscriptionIds, long nowUnixMs)
    {
        if (message.IsExpired(nowUnixMs))
        {
            return null;
        }
        MqttProperties? properties = null;
        if (version == MqttProtocolVersion.V500)
        {
            properties = new MqttProperties
            {
                ContentType = message.ContentType,
                ResponseTopic = message.ReplyTo,
                CorrelationData = message.CorrelationData,
                PayloadFormatIndicator = message.PayloadIsUtf8 is { } utf8
                    ? (utf8 ? MqttPayloadFormatIndicator.CharacterData : MqttPayloadFormatIndicator.Unspecified)
                    : null,
                // [MQTT-3.3.2-6] the interval sent is what remains of it.
                MessageExpiryInterval = message.ExpiresAt is { } expiresAt ? (uint)Math.Max(1, (expiresAt - nowUnixMs + 999) / 1000) : null,
            };
            foreach (var property in message.Properties)
            {
                properties.UserProperties.Add(new MqttUserProperty(property.Name, property.Value));
            }
            if (subscriptionIds is not null)
            {
                foreach (var id in subscriptionIds)
                {
                    properties.SubscriptionIdentifiers.Add((int)id);
                }
            }
        }
        return new PublishPacket
        {
            TopicName = message.Address,
            Payload = message.Payload,
            QualityOfService = qos,
            Retain = retain,
            Dup = dup && qos != MqttQualityOfService.AtMostOnce,
            PacketIdentifier = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : packetId,
            Properties = properties,
        };
    }
}
