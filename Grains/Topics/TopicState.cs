using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Topics;

/// <summary>A topic's durable bindings: the queues (durable subscriptions) bound to its filter.</summary>
public sealed class TopicState : IWireMessage<TopicState>
{
    public List<string> Queues { get; set; } = [];

    public static string WireName => "topic.state";

    public void Write(ref WireWriter writer) => StringList.WriteItems(ref writer, Queues);

    public static TopicState Read(ref WireReader reader) => new() { Queues = [.. StringList.ReadItems(ref reader)] };
}
