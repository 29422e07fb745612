namespace Gateway.Mqtt.Codec;

/// <summary>PINGREQ – PING request (MQTT 5.0 §3.12): no variable header, no payload.</summary>
public sealed class PingReqPacket : MqttPacket
{
    /// <summary>Prefer <see cref="Instance"/>: the packet has no state.</summary>
    public PingReqPacket()
    {
    }

    /// <summary>A shared instance; the reader returns it, so reading this packet allocates nothing.</summary>
    public static PingReqPacket Instance { get; } = new();

    public override MqttPacketType Type => MqttPacketType.PingReq;
}
