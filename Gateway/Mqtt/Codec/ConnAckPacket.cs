namespace Gateway.Mqtt.Codec;

/// <summary>CONNACK – Connect acknowledgement (MQTT 5.0 §3.2; MQTT 3.1.1 §3.2).</summary>
public sealed class ConnAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.ConnAck;

    /// <summary>Session Present, bit 0 of the Connect Acknowledge Flags (not in MQTT 3.1, where it reads false).</summary>
    public bool SessionPresent { get; set; }

    /// <summary>
    /// Connect Reason Code (5.0, [MQTT-3.2.2-8]); under 3.1/3.1.1 the return code, mapped by
    /// <see cref="MqttConnectReturnCodes"/>.
    /// </summary>
    public MqttReasonCode ReasonCode { get; set; }

    /// <summary>CONNACK Properties (MQTT 5.0 only).</summary>
    public MqttProperties? Properties { get; set; }
}
