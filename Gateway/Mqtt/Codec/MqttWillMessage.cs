namespace Gateway.Mqtt.Codec;

/// <summary>
/// The Will Message of a CONNECT whose Will Flag is 1 (MQTT 5.0 §3.1.2.5, §3.1.3.2-§3.1.3.4): published by the Server
/// when the network connection closes without a normal DISCONNECT [MQTT-3.1.2-8].
/// </summary>
public sealed class MqttWillMessage
{
    /// <summary>Will Topic: a Topic Name, so without wildcards [MQTT-3.1.3-9] [MQTT-3.3.2-2].</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Will Payload (Binary Data, at most 65,535 bytes); owned by this object.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>Will QoS, bits 4-3 of the Connect Flags [MQTT-3.1.2-14].</summary>
    public MqttQualityOfService QualityOfService { get; set; }

    /// <summary>Will Retain, bit 5 of the Connect Flags [MQTT-3.1.2-16] [MQTT-3.1.2-17].</summary>
    public bool Retain { get; set; }

    /// <summary>Will Properties (MQTT 5.0 §3.1.3.2): Will Delay Interval and the message properties of a PUBLISH.</summary>
    public MqttProperties? Properties { get; set; }
}
