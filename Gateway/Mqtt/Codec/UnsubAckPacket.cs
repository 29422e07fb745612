namespace Gateway.Mqtt.Codec;

/// <summary>UNSUBACK – Unsubscribe acknowledgement (MQTT 5.0 §3.11; MQTT 3.1.1 §3.11).</summary>
public sealed class UnsubAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    /// <summary>The Packet Identifier of the UNSUBSCRIBE [MQTT-3.10.4-5].</summary>
    public ushort PacketIdentifier { get; set; }

    /// <summary>One code per Topic Filter, in order [MQTT-3.11.3-1] (MQTT 5.0 only; 3.1.1 has no payload).</summary>
    public List<MqttReasonCode> ReasonCodes { get; } = [];

    /// <summary>UNSUBACK Properties (MQTT 5.0 only).</summary>
    public MqttProperties? Properties { get; set; }
}
