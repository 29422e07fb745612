using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>A topic's durable queue bindings and transient subscriber ids.</summary>
public sealed record TopicBindings(IReadOnlyList<string> Queues, IReadOnlyList<string> Subscribers) : IWireMessage<TopicBindings>
{
    public static string WireName => "topic.bindings-result";

    public void Write(ref WireWriter writer)
    {
        StringList.WriteItems(ref writer, Queues);
        StringList.WriteItems(ref writer, Subscribers);
    }

    public static TopicBindings Read(ref WireReader reader) => new(StringList.ReadItems(ref reader), StringList.ReadItems(ref reader));
}
