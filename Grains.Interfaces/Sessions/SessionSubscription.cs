using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>
/// One subscription of a session, as MQTT describes it. <paramref name="ShareGroup"/> is set for <c>$share/{group}/{filter}</c>
/// (then <paramref name="Filter"/> is the filter without the prefix).
/// </summary>
public sealed record SessionSubscription(string Filter, byte Qos, bool NoLocal, bool RetainAsPublished, byte RetainHandling,
    uint SubscriptionId, string? ShareGroup) : IWireMessage<SessionSubscription>
{
    public static string WireName => "session.subscription";

    /// <summary>Through the durable inbox (QoS 1 and 2, or shared): survives disconnects. QoS 0 subscriptions are
    /// transient: delivered while connected, at most once.</summary>
    public bool IsQueued => Qos > 0 || ShareGroup is not null;

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(Filter);
        writer.WriteByte(Qos);
        writer.WriteBool(NoLocal);
        writer.WriteBool(RetainAsPublished);
        writer.WriteByte(RetainHandling);
        writer.WriteVarUInt64(SubscriptionId);
        writer.WriteString(ShareGroup);
    }

    public static SessionSubscription Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadByte(), reader.ReadBool(),
        reader.ReadBool(), reader.ReadByte(), (uint)reader.ReadVarUInt64(), reader.ReadNullableString());

    public static void WriteList(ref WireWriter writer, IReadOnlyList<SessionSubscription> list) => writer.WriteList(list);

    public static List<SessionSubscription> ReadList(ref WireReader reader) => [.. reader.ReadList<SessionSubscription>(100_000)];
}
