namespace Gateway.Mqtt.Codec;

/// <summary>
/// Quality of Service level (MQTT 5.0 §3.3.1.2, §4.3). The value 3 is reserved: a PUBLISH carrying it is a Malformed
/// Packet [MQTT-3.3.1-4], so it never appears in a decoded packet.
/// </summary>
public enum MqttQualityOfService : byte
{
    /// <summary>At most once delivery.</summary>
    AtMostOnce = 0,

    /// <summary>At least once delivery.</summary>
    AtLeastOnce = 1,

    /// <summary>Exactly once delivery.</summary>
    ExactlyOnce = 2,
}
