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

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarUInt64((ulong)Messages.Count);
        foreach (var message in Messages)
        {
            message.Write(ref writer);
        }
    }

    public static PublishToTopic Read(ref WireReader reader)
    {
        var count = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
        var messages = new BrokerMessage[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = BrokerMessage.Read(ref reader);
        }
        return new PublishToTopic(messages);
    }
}
