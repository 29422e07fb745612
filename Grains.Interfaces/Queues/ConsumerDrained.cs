using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Pushed to a consumer that asked to drain: the queue had nothing more for it and its credit is now zero.</summary>
public sealed record ConsumerDrained(string Queue, string ConsumerId) : IWireMessage<ConsumerDrained>
{
    public static string WireName => "queue.drained";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(Queue);
        writer.WriteString(ConsumerId);
    }

    public static ConsumerDrained Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadString());
}
