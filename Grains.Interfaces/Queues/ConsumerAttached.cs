using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// Answer to <see cref="AttachConsumer"/>: <see cref="Status"/> says whether the consumer is attached or why not, with
/// a <see cref="Reason"/> a person can act on when it is not (for an invalid selector, "Selector error at position N:
/// ..."). <see cref="LeaseMilliseconds"/> is how often to renew, 0 when refused.
/// </summary>
public sealed record ConsumerAttached(AttachStatus Status, string? Reason, long LeaseMilliseconds) : IWireMessage<ConsumerAttached>
{
    public static string WireName => "queue.attached";

    public bool Attached => Status == AttachStatus.Attached;

    public void Write(ref WireWriter writer)
    {
        writer.WriteByte((byte)Status);
        writer.WriteString(Reason);
        writer.WriteVarInt64(LeaseMilliseconds);
    }

    public static ConsumerAttached Read(ref WireReader reader) => new((AttachStatus)reader.ReadByte(), reader.ReadNullableString(), reader.ReadVarInt64());
}
