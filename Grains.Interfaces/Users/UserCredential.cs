using Runtime.Serialization;

namespace Grains.Interfaces.Users;

/// <summary>A user's stored credential: PBKDF2-SHA256 of the password with a per-user random salt.</summary>
public sealed record UserCredential(string UserName, byte[] Salt, byte[] Hash, int Iterations) : IWireMessage<UserCredential>
{
    public static string WireName => "users.credential";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(UserName);
        writer.WriteBytes(Salt);
        writer.WriteBytes(Hash);
        writer.WriteVarInt32(Iterations);
    }

    public static UserCredential Read(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadBytes(), reader.ReadBytes(), reader.ReadVarInt32());
}
