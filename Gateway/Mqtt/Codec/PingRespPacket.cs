namespace Gateway.Mqtt.Codec;

/// <summary>PINGRESP – PING response (MQTT 5.0 §3.13): no variable header, no payload.</summary>
public sealed class PingRespPacket : MqttPacket
{
    /// <summary>Prefer <see cref="Instance"/>: the packet has no state.</summary>
    public PingRespPacket()
    {
    }

    /// <summary>A shared instance; the reader returns it, so reading this packet allocates nothing.</summary>
    public static PingRespPacket Instance { get; } = new();

    public override MqttPacketType Type => MqttPacketType.PingResp;
}
