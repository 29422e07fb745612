namespace Gateway.Mqtt.Codec;

/// <summary>Payload Format Indicator property value (MQTT 5.0 §3.3.2.3.2, §3.1.3.2.3).</summary>
public enum MqttPayloadFormatIndicator : byte
{
    /// <summary>The payload is unspecified bytes.</summary>
    Unspecified = 0,

    /// <summary>The payload is UTF-8 encoded character data.</summary>
    CharacterData = 1,
}
