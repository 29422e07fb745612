using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Topics;

/// <summary>A topic's durable bindings: the queues (durable subscriptions) bound to its filter, and the selectors of
/// those bound with one.</summary>
public sealed class TopicState : IWireMessage<TopicState>
{
    public List<string> Queues { get; set; } = [];

    /// <summary>Queue name to selector text, for the bindings that have a selector.</summary>
    public Dictionary<string, string> Selectors { get; set; } = new(StringComparer.Ordinal);

    public static string WireName => "topic.state";

    public void Write(ref WireWriter writer)
    {
        StringList.WriteItems(ref writer, Queues);
        writer.WriteVarUInt64((ulong)Selectors.Count);
        foreach (var (queue, selector) in Selectors)
        {
            writer.WriteString(queue);
            writer.WriteString(selector);
        }
    }

    public static TopicState Read(ref WireReader reader)
    {
        var state = new TopicState { Queues = [.. StringList.ReadItems(ref reader)] };
        if (reader.Remaining > 0) // state written before selectors existed ends after the queues
        {
            var count = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
            for (var i = 0; i < count; i++)
            {
                state.Selectors[reader.ReadString()] = reader.ReadString();
            }
        }
        return state;
    }
}
