namespace Gateway.Mqtt.Codec;

/// <summary>PUBLISH – Publish message (MQTT 5.0 §3.3; MQTT 3.1.1 §3.3).</summary>
/// <remarks>
/// Payload ownership: the reader copies the Application Message once, out of the network buffer, into an array of
/// exactly the payload's size that belongs to this packet; it stays valid after the pipe is advanced and can be handed
/// on (to a grain) without another copy. An empty payload allocates nothing.
/// </remarks>
public sealed class PublishPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    /// <summary>Topic Name [MQTT-3.3.2-1]; empty only when MQTT 5.0 Topic Alias stands in for it.</summary>
    public string TopicName { get; set; } = string.Empty;

    /// <summary>The Application Message; see the type remarks for ownership.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>QoS, bits 2-1 of the fixed header.</summary>
    public MqttQualityOfService QualityOfService { get; set; }

    /// <summary>RETAIN, bit 0 of the fixed header.</summary>
    public bool Retain { get; set; }

    /// <summary>DUP, bit 3 of the fixed header; always false at QoS 0 [MQTT-3.3.1-2].</summary>
    public bool Dup { get; set; }

    /// <summary>Packet Identifier, non-zero at QoS 1 and 2 [MQTT-2.2.1-3]; absent (0) at QoS 0 [MQTT-2.2.1-2].</summary>
    public ushort PacketIdentifier { get; set; }

    /// <summary>PUBLISH Properties (MQTT 5.0 only).</summary>
    public MqttProperties? Properties { get; set; }
}
