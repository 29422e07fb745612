using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Detaches a consumer; its unsettled deliveries go back to the head of the queue (counted as attempts).</summary>
public sealed record DetachConsumer(string ConsumerId) : IGrainRequest<Ack>, IWireMessage<DetachConsumer>
{
    public static string WireName => "queue.detach";

    public void Write(ref WireWriter writer) => writer.WriteString(ConsumerId);

    public static DetachConsumer Read(ref WireReader reader) => new(reader.ReadString());
}
