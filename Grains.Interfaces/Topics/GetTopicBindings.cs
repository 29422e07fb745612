using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>Asks a topic for its bindings.</summary>
public sealed record GetTopicBindings : IGrainRequest<TopicBindings>, IWireMessage<GetTopicBindings>
{
    public static string WireName => "topic.bindings";

    public void Write(ref WireWriter writer)
    {
    }

    public static GetTopicBindings Read(ref WireReader reader) => new();
}
