using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>Removes a queue's binding to this filter. Idempotent.</summary>
public sealed record UnbindQueue(string Queue) : IGrainRequest<Ack>, IWireMessage<UnbindQueue>
{
    public static string WireName => "topic.unbind";

    public void Write(ref WireWriter writer) => writer.WriteString(Queue);

    public static UnbindQueue Read(ref WireReader reader) => new(reader.ReadString());
}
