namespace Gateway.Mqtt.Codec;

/// <summary>UNSUBSCRIBE – Unsubscribe request (MQTT 5.0 §3.10; MQTT 3.1.1 §3.10).</summary>
public sealed class UnsubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    /// <summary>Non-zero Packet Identifier [MQTT-2.2.1-3].</summary>
    public ushort PacketIdentifier { get; set; }

    /// <summary>At least one Topic Filter [MQTT-3.10.3-2], compared character by character by the Server [MQTT-3.10.4-1].</summary>
    public List<string> TopicFilters { get; } = [];

    /// <summary>UNSUBSCRIBE Properties (MQTT 5.0 only): User Properties.</summary>
    public MqttProperties? Properties { get; set; }
}
