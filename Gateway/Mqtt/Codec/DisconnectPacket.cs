namespace Gateway.Mqtt.Codec;

/// <summary>DISCONNECT – Disconnect notification (MQTT 5.0 §3.14; MQTT 3.1.1 §3.14, where it has no variable header).</summary>
public sealed class DisconnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    /// <summary>Disconnect Reason Code [MQTT-3.14.2-1]; 0x00 Normal disconnection when absent and always under 3.1.1.</summary>
    public MqttReasonCode ReasonCode { get; set; }

    /// <summary>DISCONNECT Properties (MQTT 5.0 only).</summary>
    public MqttProperties? Properties { get; set; }
}
