using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>
/// A transient subscriber (a connected client without a durable queue): receives <see cref="TopicDelivery"/> pushes,
/// at most once. Renew it with <see cref="RenewTopicSubscribers"/> within the lease or it is dropped. Idempotent.
/// </summary>
public sealed record SubscribeTopic(string SubscriberId, ObserverId Observer) : IGrainRequest<Int64Value>, IWireMessage<SubscribeTopic>
{
    public static string WireName => "topic.subscribe";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(SubscriberId);
        writer.WriteString(Observer.ClientId);
        writer.WriteVarInt64(Observer.Key);
    }

    public static SubscribeTopic Read(ref WireReader reader) =>
        new(reader.ReadString(), new ObserverId(reader.ReadString(), reader.ReadVarInt64()));
}
