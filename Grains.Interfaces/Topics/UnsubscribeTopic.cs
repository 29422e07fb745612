using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>Removes a transient subscriber. Idempotent.</summary>
public sealed record UnsubscribeTopic(string SubscriberId) : IGrainRequest<Ack>, IWireMessage<UnsubscribeTopic>
{
    public static string WireName => "topic.unsubscribe";

    public void Write(ref WireWriter writer) => writer.WriteString(SubscriberId);

    public static UnsubscribeTopic Read(ref WireReader reader) => new(reader.ReadString());
}
