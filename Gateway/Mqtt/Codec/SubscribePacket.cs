namespace Gateway.Mqtt.Codec;

/// <summary>SUBSCRIBE – Subscribe request (MQTT 5.0 §3.8; MQTT 3.1.1 §3.8).</summary>
public sealed class SubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    /// <summary>Non-zero Packet Identifier [MQTT-2.2.1-3].</summary>
    public ushort PacketIdentifier { get; set; }

    /// <summary>At least one entry [MQTT-3.8.3-2], in the order sent (the SUBACK answers in the same order [MQTT-3.9.3-1]).</summary>
    public List<MqttSubscription> Subscriptions { get; } = [];

    /// <summary>SUBSCRIBE Properties (MQTT 5.0 only): at most one Subscription Identifier, User Properties.</summary>
    public MqttProperties? Properties { get; set; }
}
