using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>Pushed to a connection whose session another connection took (same client id): close it (MQTT 5 0x8E).</summary>
public sealed record SessionTakenOver(string ClientId, string ConnectionId) : IWireMessage<SessionTakenOver>
{
    public static string WireName => "session.taken-over";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ClientId);
        writer.WriteString(ConnectionId);
    }

    public static SessionTakenOver Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadString());
}
