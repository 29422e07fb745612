using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>
/// The session as the new connection finds it: whether it existed, its subscriptions (to re-attach), the outbound QoS 2
/// deliveries waiting for PUBCOMP (tag and packet id: resend PUBREL for those), and the lease within which the
/// connection must renew it.
/// </summary>
public sealed record SessionConnected(bool SessionPresent, IReadOnlyList<SessionSubscription> Subscriptions,
    IReadOnlyList<PendingRelease> PendingReleases, long LeaseMilliseconds) : IWireMessage<SessionConnected>
{
    public static string WireName => "session.connected";

    public void Write(ref WireWriter writer)
    {
        writer.WriteBool(SessionPresent);
        SessionSubscription.WriteList(ref writer, Subscriptions);
        writer.WriteVarUInt64((ulong)PendingReleases.Count);
        foreach (var pending in PendingReleases)
        {
            writer.WriteVarInt64(pending.Tag);
            writer.WriteVarUInt64(pending.PacketId);
            writer.WriteString(pending.Queue);
        }
        writer.WriteVarInt64(LeaseMilliseconds);
    }

    public static SessionConnected Read(ref WireReader reader)
    {
        var present = reader.ReadBool();
        var subscriptions = SessionSubscription.ReadList(ref reader);
        var count = (int)Math.Min(reader.ReadVarUInt64(), 65_536);
        var pending = new List<PendingRelease>(count);
        for (var i = 0; i < count; i++)
        {
            pending.Add(new PendingRelease(reader.ReadVarInt64(), (ushort)reader.ReadVarUInt64(), reader.ReadString()));
        }
        return new SessionConnected(present, subscriptions, pending, reader.ReadVarInt64());
    }
}
