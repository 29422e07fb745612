using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>
/// The connection ended. <paramref name="Normal"/>: a DISCONNECT without "with will" (no will is published).
/// <paramref name="ExpirySeconds"/> replaces the session expiry (MQTT 5 DISCONNECT property). Ignored unless
/// <paramref name="ConnectionId"/> is the session's current connection (a taken-over connection ends quietly).
/// </summary>
public sealed record DisconnectSession(string ConnectionId, bool Normal, long? ExpirySeconds) : IGrainRequest<Ack>, IWireMessage<DisconnectSession>
{
    public static string WireName => "session.disconnect";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConnectionId);
        writer.WriteBool(Normal);
        writer.WriteVarInt64(ExpirySeconds ?? -1);
    }

    public static DisconnectSession Read(ref WireReader reader)
    {
        var id = reader.ReadString();
        var normal = reader.ReadBool();
        var expiry = reader.ReadVarInt64();
        return new DisconnectSession(id, normal, expiry < 0 ? null : expiry);
    }
}
