namespace Gateway.Mqtt.Codec;

/// <summary>
/// A User Property (identifier 0x26): a UTF-8 String Pair (MQTT 5.0 §1.5.7). The same name may appear more than once
/// and order is significant: the Server forwards them unaltered and in order [MQTT-3.3.2-17] [MQTT-3.3.2-18].
/// </summary>
public readonly record struct MqttUserProperty(string Name, string Value);
