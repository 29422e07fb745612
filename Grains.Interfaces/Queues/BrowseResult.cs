using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>A page of browsed messages.</summary>
public sealed record BrowseResult(IReadOnlyList<QueuedMessage> Messages) : IWireMessage<BrowseResult>
{
    public static string WireName => "queue.browse-result";

    public void Write(ref WireWriter writer) => writer.WriteList(Messages);

    public static BrowseResult Read(ref WireReader reader) => new(reader.ReadList<QueuedMessage>());
}
