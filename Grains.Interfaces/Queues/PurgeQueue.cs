using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Deletes every message that is not in flight; replies with how many.</summary>
public sealed record PurgeQueue : IGrainRequest<Int64Value>, IWireMessage<PurgeQueue>
{
    public static string WireName => "queue.purge";

    public void Write(ref WireWriter writer)
    {
    }

    public static PurgeQueue Read(ref WireReader reader) => new();
}
