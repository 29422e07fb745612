using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Answer to <see cref="AttachConsumer"/>: refused with a reason when the queue does not exist (and auto-create is off).</summary>
public sealed record ConsumerAttached(bool Attached, string? Reason, long LeaseMilliseconds) : IWireMessage<ConsumerAttached>
{
    public static string WireName => "queue.attached";

    public void Write(ref WireWriter writer)
    {
        writer.WriteBool(Attached);
        writer.WriteString(Reason);
        writer.WriteVarInt64(LeaseMilliseconds);
    }

    public static ConsumerAttached Read(ref WireReader reader) => new(reader.ReadBool(), reader.ReadNullableString(), reader.ReadVarInt64());
}
