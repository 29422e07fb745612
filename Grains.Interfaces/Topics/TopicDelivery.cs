using Grains.Interfaces.Messages;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>Pushed to a transient subscriber: a message published on a topic its filter matches.</summary>
public sealed record TopicDelivery(string Filter, string SubscriberId, BrokerMessage Message) : IWireMessage<TopicDelivery>
{
    public static string WireName => "topic.delivery";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(Filter);
        writer.WriteString(SubscriberId);
        Message.Write(ref writer);
    }

    public static TopicDelivery Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadString(), BrokerMessage.Read(ref reader));
}
