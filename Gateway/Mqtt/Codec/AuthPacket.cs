namespace Gateway.Mqtt.Codec;

/// <summary>AUTH – Authentication exchange (MQTT 5.0 §3.15). Does not exist in MQTT 3.1/3.1.1.</summary>
public sealed class AuthPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Auth;

    /// <summary>Authenticate Reason Code: 0x00, 0x18 or 0x19 [MQTT-3.15.2-1].</summary>
    public MqttReasonCode ReasonCode { get; set; }

    /// <summary>AUTH Properties: Authentication Method and Data, Reason String, User Properties.</summary>
    public MqttProperties? Properties { get; set; }
}
