using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Users;

/// <summary>Adds or replaces a user (its credential is hashed by the caller), or removes it when <paramref name="Credential"/>'s
/// hash is empty. Replies true when the user existed before.</summary>
public sealed record SetUser(UserCredential Credential) : IGrainRequest<BoolValue>, IWireMessage<SetUser>
{
    public static string WireName => "users.set";

    public void Write(ref WireWriter writer) => Credential.Write(ref writer);

    public static SetUser Read(ref WireReader reader) => new(UserCredential.Read(ref reader));
}
