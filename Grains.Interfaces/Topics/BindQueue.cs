using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>Binds a durable queue to this topic filter (a durable subscription): every publish that matches is
/// enqueued there, also while its consumer is away. Idempotent.</summary>
public sealed record BindQueue(string Queue) : IGrainRequest<Ack>, IWireMessage<BindQueue>
{
    public static string WireName => "topic.bind";

    public void Write(ref WireWriter writer) => writer.WriteString(Queue);

    public static BindQueue Read(ref WireReader reader) => new(reader.ReadString());
}
