using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// Settles deliveries of a consumer by tag. The reply comes once the outcome is durable (an accepted message will not
/// come back). Tags that are not outstanding for this consumer are ignored (settled twice, or returned to the queue
/// when the consumer was lost). <paramref name="Credit"/> is added to the consumer's credit in the same turn (an MQTT
/// in-flight window moves on with each PUBACK: one call instead of settle + <see cref="AddCredit"/>).
/// </summary>
public sealed record SettleDeliveries(string ConsumerId, IReadOnlyList<long> Tags, SettleOutcome Outcome,
    bool DeliveryFailed = false, bool UndeliverableHere = false, string? Reason = null, int Credit = 0)
    : IGrainRequest<Ack>, IWireMessage<SettleDeliveries>, IBatchableRequest
{
    public static string WireName => "queue.settle";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConsumerId);
        writer.WriteByte((byte)Outcome);
        writer.WriteBool(DeliveryFailed);
        writer.WriteBool(UndeliverableHere);
        writer.WriteString(Reason);
        writer.WriteVarInt32(Credit);
        writer.WriteVarUInt64((ulong)Tags.Count);
        foreach (var tag in Tags)
        {
            writer.WriteVarInt64(tag);
        }
    }

    public static SettleDeliveries Read(ref WireReader reader)
    {
        var consumer = reader.ReadString();
        var outcome = (SettleOutcome)reader.ReadByte();
        var failed = reader.ReadBool();
        var here = reader.ReadBool();
        var reason = reader.ReadNullableString();
        var credit = reader.ReadVarInt32();
        var count = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
        var tags = new long[count];
        for (var i = 0; i < count; i++)
        {
            tags[i] = reader.ReadVarInt64();
        }
        return new SettleDeliveries(consumer, tags, outcome, failed, here, reason, credit);
    }
}
