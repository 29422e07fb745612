namespace Gateway.Mqtt.Codec;

/// <summary>
/// The layout shared by PUBACK, PUBREC, PUBREL and PUBCOMP (MQTT 5.0 §3.4-§3.7): a Packet Identifier and, in MQTT 5.0
/// only, a Reason Code and properties (Reason String, User Property).
/// </summary>
public abstract class PublishAcknowledgementPacket : MqttPacket
{
    private protected PublishAcknowledgementPacket()
    {
    }

    /// <summary>The Packet Identifier of the PUBLISH (or PUBREL) being answered [MQTT-2.2.1-5].</summary>
    public ushort PacketIdentifier { get; set; }

    /// <summary>Reason Code (MQTT 5.0); 3.1.1 has none and always reads <see cref="MqttReasonCode.Success"/>.</summary>
    public MqttReasonCode ReasonCode { get; set; }

    /// <summary>Properties (MQTT 5.0 only).</summary>
    public MqttProperties? Properties { get; set; }
}
