namespace Gateway.Mqtt.Codec;

/// <summary>
/// Retain Handling subscription option, bits 4 and 5 of the Subscription Options byte (MQTT 5.0 §3.8.3.1).
/// The value 3 is a Protocol Error and never appears in a decoded packet.
/// </summary>
public enum MqttRetainHandling : byte
{
    /// <summary>Send retained messages at the time of the subscribe [MQTT-3.3.1-9].</summary>
    SendAtSubscribe = 0,

    /// <summary>Send retained messages only if the subscription does not currently exist [MQTT-3.3.1-10].</summary>
    SendAtSubscribeIfNew = 1,

    /// <summary>Do not send retained messages at the time of the subscribe [MQTT-3.3.1-11].</summary>
    DoNotSend = 2,
}
