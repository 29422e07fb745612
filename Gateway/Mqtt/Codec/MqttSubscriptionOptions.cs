namespace Gateway.Mqtt.Codec;

/// <summary>
/// The Subscription Options byte of a SUBSCRIBE entry (MQTT 5.0 §3.8.3.1). MQTT 3.1.1 carries only the Requested QoS
/// in that byte (3.1.1 §3.8.3.1); the other options then read as their defaults and are not written.
/// </summary>
/// <param name="QualityOfService">Maximum QoS, bits 1-0.</param>
/// <param name="NoLocal">Bit 2: do not forward own publications [MQTT-3.8.3-3]; a Protocol Error on a Shared Subscription [MQTT-3.8.3-4].</param>
/// <param name="RetainAsPublished">Bit 3: keep the RETAIN flag when forwarding [MQTT-3.3.1-13].</param>
/// <param name="RetainHandling">Bits 5-4.</param>
public readonly record struct MqttSubscriptionOptions(
    MqttQualityOfService QualityOfService,
    bool NoLocal = false,
    bool RetainAsPublished = false,
    MqttRetainHandling RetainHandling = MqttRetainHandling.SendAtSubscribe);
