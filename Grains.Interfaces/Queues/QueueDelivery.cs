using Grains.Interfaces.Messages;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// Pushed to a consumer's observer: one delivery, identified by <paramref name="Tag"/> for settling.
/// <paramref name="DeliveryCount"/> is the number of earlier delivery attempts (AMQP header delivery-count; MQTT DUP
/// when above zero).
/// </summary>
public sealed record QueueDelivery(string Queue, string ConsumerId, long Tag, int DeliveryCount, BrokerMessage Message) : IWireMessage<QueueDelivery>
{
    public static string WireName => "queue.delivery";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(Queue);
        writer.WriteString(ConsumerId);
        writer.WriteVarInt64(Tag);
        writer.WriteVarInt32(DeliveryCount);
        Message.Write(ref writer);
    }

    public static QueueDelivery Read(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt32(), BrokerMessage.Read(ref reader));
}
