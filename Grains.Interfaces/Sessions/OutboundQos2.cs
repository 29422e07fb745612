using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>
/// Outbound QoS 2 progress: the client sent PUBREC for a delivery (<paramref name="Completed"/> = false: remember that
/// PUBREL is owed, durably, before sending it), or PUBCOMP (true: forget it).
/// </summary>
public sealed record OutboundQos2(string ConnectionId, PendingRelease Delivery, bool Completed) : IGrainRequest<Ack>, IWireMessage<OutboundQos2>
{
    public static string WireName => "session.outbound-qos2";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConnectionId);
        writer.WriteVarInt64(Delivery.Tag);
        writer.WriteVarUInt64(Delivery.PacketId);
        writer.WriteString(Delivery.Queue);
        writer.WriteBool(Completed);
    }

    public static OutboundQos2 Read(ref WireReader reader) =>
        new(reader.ReadString(), new PendingRelease(reader.ReadVarInt64(), (ushort)reader.ReadVarUInt64(), reader.ReadString()), reader.ReadBool());
}
