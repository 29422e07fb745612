namespace Gateway.Mqtt.Codec;

/// <summary>SUBACK – Subscribe acknowledgement (MQTT 5.0 §3.9; MQTT 3.1.1 §3.9).</summary>
public sealed class SubAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.SubAck;

    /// <summary>The Packet Identifier of the SUBSCRIBE [MQTT-3.8.4-2].</summary>
    public ushort PacketIdentifier { get; set; }

    /// <summary>
    /// One code per Topic Filter, in order [MQTT-3.9.3-1]. Under 3.1.1 the return codes are 0x00, 0x01, 0x02 and 0x80
    /// (Failure); any MQTT 5.0 failure code is written as 0x80 there.
    /// </summary>
    public List<MqttReasonCode> ReasonCodes { get; } = [];

    /// <summary>SUBACK Properties (MQTT 5.0 only).</summary>
    public MqttProperties? Properties { get; set; }
}
