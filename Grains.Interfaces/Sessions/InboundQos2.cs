using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>
/// A QoS 2 PUBLISH arrived with <paramref name="PacketId"/> (<paramref name="Release"/> = false), or its PUBREL
/// (<paramref name="Release"/> = true). On arrival the reply is the message id to publish under: the same for every
/// resend of that packet id until PUBREL, so queues store it once (exactly once, MQTT 4.3.3).
/// </summary>
public sealed record InboundQos2(string ConnectionId, ushort PacketId, bool Release) : IGrainRequest<StringValue>, IWireMessage<InboundQos2>
{
    public static string WireName => "session.inbound-qos2";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConnectionId);
        writer.WriteVarUInt64(PacketId);
        writer.WriteBool(Release);
    }

    public static InboundQos2 Read(ref WireReader reader) => new(reader.ReadString(), (ushort)reader.ReadVarUInt64(), reader.ReadBool());
}
