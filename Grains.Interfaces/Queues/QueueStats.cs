using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// A queue's figures: <see cref="Depth"/> counts every stored message (ready, scheduled, in flight, and those paged
/// out to the journal); totals count since the queue's current activation. <see cref="Bytes"/> counts payload bytes, except
/// for messages a reactivated queue has not paged in from the journal yet, which count their stored size (payload plus
/// headers) until then.
/// </summary>
public sealed record QueueStats(
    bool Exists,
    long Depth,
    long InFlight,
    long Scheduled,
    long Bytes,
    int Consumers,
    long OldestAgeMilliseconds,
    long Enqueued,
    long Delivered,
    long Acknowledged,
    long DeadLettered,
    long Expired,
    QueueSettings Settings) : IWireMessage<QueueStats>
{
    public static string WireName => "queue.stats-result";

    public void Write(ref WireWriter writer)
    {
        writer.WriteBool(Exists);
        writer.WriteVarInt64(Depth);
        writer.WriteVarInt64(InFlight);
        writer.WriteVarInt64(Scheduled);
        writer.WriteVarInt64(Bytes);
        writer.WriteVarInt32(Consumers);
        writer.WriteVarInt64(OldestAgeMilliseconds);
        writer.WriteVarInt64(Enqueued);
        writer.WriteVarInt64(Delivered);
        writer.WriteVarInt64(Acknowledged);
        writer.WriteVarInt64(DeadLettered);
        writer.WriteVarInt64(Expired);
        Settings.Write(ref writer);
    }

    public static QueueStats Read(ref WireReader reader) => new(
        reader.ReadBool(), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(),
        reader.ReadVarInt32(), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(),
        reader.ReadVarInt64(), reader.ReadVarInt64(), QueueSettings.Read(ref reader));
}
