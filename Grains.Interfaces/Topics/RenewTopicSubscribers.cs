using Grains.Interfaces.Queues;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>Keeps transient subscribers alive; replies with the ids the topic does not know (subscribe those again).</summary>
public sealed record RenewTopicSubscribers(IReadOnlyList<string> SubscriberIds) : IGrainRequest<StringList>, IWireMessage<RenewTopicSubscribers>
{
    public static string WireName => "topic.renew";

    public void Write(ref WireWriter writer) => StringList.WriteItems(ref writer, SubscriberIds);

    public static RenewTopicSubscribers Read(ref WireReader reader) => new(StringList.ReadItems(ref reader));
}
