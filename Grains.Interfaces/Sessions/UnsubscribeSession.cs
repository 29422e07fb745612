using Grains.Interfaces.Queues;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>Removes subscriptions by filter (as written in SUBSCRIBE, <c>$share/...</c> included). Replies with the filters
/// that were not subscribed (MQTT 5 UNSUBACK 0x11).</summary>
public sealed record UnsubscribeSession(string ConnectionId, IReadOnlyList<string> Filters) : IGrainRequest<StringList>, IWireMessage<UnsubscribeSession>
{
    public static string WireName => "session.unsubscribe";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConnectionId);
        StringList.WriteItems(ref writer, Filters);
    }

    public static UnsubscribeSession Read(ref WireReader reader) => new(reader.ReadString(), StringList.ReadItems(ref reader));
}
