using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>Adds or replaces subscriptions (same filter = replace [MQTT-3.8.4-3]); queued ones are bound to the
/// session's inbox (or the shared group's queue) before the reply, so SUBACK means "routed".</summary>
public sealed record SubscribeSession(string ConnectionId, IReadOnlyList<SessionSubscription> Subscriptions) : IGrainRequest<Ack>, IWireMessage<SubscribeSession>
{
    public static string WireName => "session.subscribe";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConnectionId);
        SessionSubscription.WriteList(ref writer, Subscriptions);
    }

    public static SubscribeSession Read(ref WireReader reader) => new(reader.ReadString(), SessionSubscription.ReadList(ref reader));
}
