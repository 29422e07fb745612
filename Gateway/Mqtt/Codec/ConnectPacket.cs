namespace Gateway.Mqtt.Codec;

/// <summary>CONNECT – Connection Request (MQTT 5.0 §3.1; MQTT 3.1.1 §3.1; MQTT 3.1 "MQIsdp").</summary>
public sealed class ConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    /// <summary>The Protocol Level byte; with the Protocol Name it selects the version of the whole connection.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>Client Identifier [MQTT-3.1.3-3]; may be empty, the Session layer then assigns one [MQTT-3.1.3-6].</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Clean Start (5.0) / Clean Session (3.1.1), bit 1 of the Connect Flags.</summary>
    public bool CleanStart { get; set; }

    /// <summary>Keep Alive in seconds; 0 turns the mechanism off.</summary>
    public ushort KeepAlive { get; set; }

    /// <summary>User Name, present when the User Name Flag is 1 [MQTT-3.1.2-19].</summary>
    public string? UserName { get; set; }

    /// <summary>Password (Binary Data), present when the Password Flag is 1 [MQTT-3.1.2-21]; owned by this object.</summary>
    public ReadOnlyMemory<byte>? Password { get; set; }

    /// <summary>The Will Message, present when the Will Flag is 1 [MQTT-3.1.2-9].</summary>
    public MqttWillMessage? Will { get; set; }

    /// <summary>CONNECT Properties (MQTT 5.0 only).</summary>
    public MqttProperties? Properties { get; set; }
}
