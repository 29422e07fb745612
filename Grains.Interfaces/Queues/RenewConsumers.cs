using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Keeps consumers' leases alive. Replies with the ids the queue does not know (attach those again).</summary>
public sealed record RenewConsumers(IReadOnlyList<string> ConsumerIds) : IGrainRequest<StringList>, IWireMessage<RenewConsumers>
{
    public static string WireName => "queue.renew";

    public void Write(ref WireWriter writer) => StringList.WriteItems(ref writer, ConsumerIds);

    public static RenewConsumers Read(ref WireReader reader) => new(StringList.ReadItems(ref reader));
}
