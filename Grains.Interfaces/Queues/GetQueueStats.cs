using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Asks for the queue's statistics.</summary>
public sealed record GetQueueStats : IGrainRequest<QueueStats>, IWireMessage<GetQueueStats>
{
    public static string WireName => "queue.stats";

    public void Write(ref WireWriter writer)
    {
    }

    public static GetQueueStats Read(ref WireReader reader) => new();
}
