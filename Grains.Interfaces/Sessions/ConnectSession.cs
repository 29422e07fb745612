using Grains.Interfaces.Messages;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>
/// A client connects (after authentication). A connection already attached to the session is told to close
/// (<see cref="SessionTakenOver"/>, MQTT 5 reason 0x8E). <paramref name="CleanStart"/> discards the previous session.
/// <paramref name="Will"/> is published if the connection ends without a normal DISCONNECT, after
/// <paramref name="WillDelaySeconds"/> (or when the session ends, if sooner).
/// </summary>
public sealed record ConnectSession(string ConnectionId, ObserverId Observer, bool CleanStart, long ExpirySeconds,
    BrokerMessage? Will, long WillDelaySeconds) : IGrainRequest<SessionConnected>, IWireMessage<ConnectSession>
{
    public static string WireName => "session.connect";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConnectionId);
        writer.WriteString(Observer.ClientId);
        writer.WriteVarInt64(Observer.Key);
        writer.WriteBool(CleanStart);
        writer.WriteVarInt64(ExpirySeconds);
        writer.WriteBool(Will is not null);
        Will?.Write(ref writer);
        writer.WriteVarInt64(WillDelaySeconds);
    }

    public static ConnectSession Read(ref WireReader reader)
    {
        var connectionId = reader.ReadString();
        var observer = new ObserverId(reader.ReadString(), reader.ReadVarInt64());
        var clean = reader.ReadBool();
        var expiry = reader.ReadVarInt64();
        var will = reader.ReadBool() ? BrokerMessage.Read(ref reader) : null;
        return new ConnectSession(connectionId, observer, clean, expiry, will, reader.ReadVarInt64());
    }
}
