namespace Gateway.Mqtt.Codec;

/// <summary>
/// The Protocol Level byte of CONNECT (MQTT 5.0 §3.1.2.2; MQTT 3.1.1 §3.1.2.2). The connection's version is fixed by
/// the CONNECT packet and never changes afterwards.
/// </summary>
public enum MqttProtocolVersion : byte
{
    /// <summary>No CONNECT has been read yet: only a CONNECT can be decoded [MQTT-3.1.0-1].</summary>
    Unknown = 0,

    /// <summary>MQTT 3.1 (IBM): protocol name "MQIsdp", level 3.</summary>
    V310 = 3,

    /// <summary>MQTT 3.1.1 (OASIS): protocol name "MQTT", level 4.</summary>
    V311 = 4,

    /// <summary>MQTT 5.0 (OASIS): protocol name "MQTT", level 5.</summary>
    V500 = 5,
}
