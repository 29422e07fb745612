using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>
/// What a publish reached: durable queues that committed it, transient subscribers pushed to, and the queues that
/// refused it (full, or gone) with the reason. A publisher is told "accepted" only when <see cref="Refused"/> is empty.
/// </summary>
public sealed record PublishResult(int Queues, int Subscribers, IReadOnlyList<string> Refused) : IWireMessage<PublishResult>
{
    public static readonly PublishResult Nothing = new(0, 0, []);

    public static string WireName => "topic.publish-result";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt32(Queues);
        writer.WriteVarInt32(Subscribers);
        StringList.WriteItems(ref writer, Refused);
    }

    public static PublishResult Read(ref WireReader reader) =>
        new(reader.ReadVarInt32(), reader.ReadVarInt32(), StringList.ReadItems(ref reader));
}
