using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>A page of browsed messages.</summary>
public sealed record BrowseResult(IReadOnlyList<QueuedMessage> Messages) : IWireMessage<BrowseResult>
{
    public static string WireName => "queue.browse-result";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarUInt64((ulong)Messages.Count);
        foreach (var message in Messages)
        {
            message.Write(ref writer);
        }
    }

    public static BrowseResult Read(ref WireReader reader)
    {
        var count = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
        var messages = new QueuedMessage[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = QueuedMessage.Read(ref reader);
        }
        return new BrowseResult(messages);
    }
}
