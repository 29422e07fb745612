using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>The answer to <see cref="EnqueueMessages"/>: accepted messages are durable; the rest were refused as a whole.</summary>
public sealed record EnqueueResult(EnqueueStatus Status, int Accepted, int Duplicates, string? Reason) : IWireMessage<EnqueueResult>
{
    public static string WireName => "queue.enqueue-result";

    public void Write(ref WireWriter writer)
    {
        writer.WriteByte((byte)Status);
        writer.WriteVarInt32(Accepted);
        writer.WriteVarInt32(Duplicates);
        writer.WriteString(Reason);
    }

    public static EnqueueResult Read(ref WireReader reader) =>
        new((EnqueueStatus)reader.ReadByte(), reader.ReadVarInt32(), reader.ReadVarInt32(), reader.ReadNullableString());
}
