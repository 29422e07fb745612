namespace Gateway.Mqtt.Session;

/// <summary>An outbound QoS 1/2 PUBLISH waiting for PUBACK, PUBREC or PUBCOMP. <see cref="Queue"/> is null for retained
/// messages sent at subscribe time (nothing to settle).</summary>
internal sealed class InFlightDelivery
{
    public InFlightDelivery(ushort packetId, string? queue, long tag, byte qos)
    {
        PacketId = packetId;
        Queue = queue;
        Tag = tag;
        Qos = qos;
    }

    public ushort PacketId { get; }

    public string? Queue { get; }

    public long Tag { get; }

    public byte Qos { get; }

    /// <summary>QoS 2 after PUBREC: PUBREL sent, waiting for PUBCOMP.</summary>
    public bool Released { get; set; }
}
