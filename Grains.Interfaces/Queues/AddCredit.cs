using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// Gives a consumer <paramref name="Credit"/> more deliveries. With <paramref name="Drain"/>, the queue delivers what
/// it can now and then sends <see cref="ConsumerDrained"/> and sets the remaining credit to zero (AMQP drain).
/// Replies false when the consumer is unknown (the queue moved or the lease expired: attach again).
/// </summary>
public sealed record AddCredit(string ConsumerId, int Credit, bool Drain = false) : IGrainRequest<BoolValue>, IWireMessage<AddCredit>
{
    public static string WireName => "queue.credit";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConsumerId);
        writer.WriteVarInt32(Credit);
        writer.WriteBool(Drain);
    }

    public static AddCredit Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadVarInt32(), reader.ReadBool());
}
