using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Reads up to <paramref name="Max"/> messages with a tag above <paramref name="AfterTag"/>, in tag order,
/// without consuming them (in-flight ones included).</summary>
public sealed record BrowseQueue(long AfterTag, int Max) : IGrainRequest<BrowseResult>, IWireMessage<BrowseQueue>
{
    public static string WireName => "queue.browse";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt64(AfterTag);
        writer.WriteVarInt32(Max);
    }

    public static BrowseQueue Read(ref WireReader reader) => new(reader.ReadVarInt64(), reader.ReadVarInt32());
}
