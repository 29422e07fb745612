namespace Gateway.Mqtt.Codec;

/// <summary>
/// One MQTT Control Packet in a version-neutral model: the same types serve MQTT 3.1, 3.1.1 and 5.0, and
/// <see cref="MqttPacketReader"/>/<see cref="MqttPacketWriter"/> apply the differences of the negotiated version.
/// Members that only MQTT 5.0 carries (properties, most reason codes) are ignored when writing 3.1.1 and hold
/// their defaults after reading 3.1.1.
/// </summary>
/// <remarks>Packets are plain mutable objects owned by whoever holds them; they keep no reference to network buffers.</remarks>
public abstract class MqttPacket
{
    private protected MqttPacket()
    {
    }

    /// <summary>The Control Packet type of the fixed header.</summary>
    public abstract MqttPacketType Type { get; }
}
