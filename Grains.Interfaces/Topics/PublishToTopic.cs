using Grains.Interfaces.Messages;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>
/// Forwards messages to every binding of this filter. The reply comes once every bound durable queue has committed
/// them; transient subscribers are pushed to, at most once.
/// </summary>
public sealed record PublishToTopic(IReadOnlyList<BrokerMessage> Messages) : IGrainRequest<PublishResult>, IWireMessage<PublishToTopic>, IBatchableRequest
{
    public static string WireName => "topic.publish";

    public void Write(ref WireWriter writer) => writer.WriteList(Messages);

    public static PublishToTopic Read(ref WireReader reader) => new(reader.ReadList<BrokerMessage>());
}
