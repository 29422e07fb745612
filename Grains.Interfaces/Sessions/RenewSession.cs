using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Sessions;

/// <summary>The connection is alive. Replies false when it is no longer the session's connection (taken over, or its
/// lease ran out): the gateway must close it.</summary>
public sealed record RenewSession(string ConnectionId) : IGrainRequest<BoolValue>, IWireMessage<RenewSession>
{
    public static string WireName => "session.renew";

    public void Write(ref WireWriter writer) => writer.WriteString(ConnectionId);

    public static RenewSession Read(ref WireReader reader) => new(reader.ReadString());
}
