using Grains.Interfaces.Messages;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>A message in a queue as browse shows it: its tag (sequence), delivery count and the message.</summary>
public sealed record QueuedMessage(long Tag, int DeliveryCount, BrokerMessage Message) : IWireMessage<QueuedMessage>
{
    public static string WireName => "queue.queued-message";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt64(Tag);
        writer.WriteVarInt32(DeliveryCount);
        Message.Write(ref writer);
    }

    public static QueuedMessage Read(ref WireReader reader) => new(reader.ReadVarInt64(), reader.ReadVarInt32(), BrokerMessage.Read(ref reader));
}
