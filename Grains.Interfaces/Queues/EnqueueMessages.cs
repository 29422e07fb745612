using Grains.Interfaces.Messages;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// Appends messages to the queue. The reply comes only once they are durable (journal committed). A message whose id
/// the queue already holds is a publisher's retry: it is counted as a duplicate and not stored twice.
/// <paramref name="CreateIfMissing"/>: create the queue with default settings if it was never declared (auto-create).
/// </summary>
public sealed record EnqueueMessages(IReadOnlyList<BrokerMessage> Messages, bool CreateIfMissing = true)
    : IGrainRequest<EnqueueResult>, IWireMessage<EnqueueMessages>, IBatchableRequest
{
    public static string WireName => "queue.enqueue";

    public void Write(ref WireWriter writer)
    {
        writer.WriteBool(CreateIfMissing);
        writer.WriteList(Messages);
    }

    public static EnqueueMessages Read(ref WireReader reader)
    {
        var create = reader.ReadBool();
        return new EnqueueMessages(reader.ReadList<BrokerMessage>(), create);
    }
}
