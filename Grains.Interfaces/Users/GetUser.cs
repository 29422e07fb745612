using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Users;

/// <summary>The stored credential of a user; an empty hash when there is no such user.</summary>
public sealed record GetUser(string UserName) : IGrainRequest<UserCredential>, IWireMessage<GetUser>
{
    public static string WireName => "users.get";

    public void Write(ref WireWriter writer) => writer.WriteString(UserName);

    public static GetUser Read(ref WireReader reader) => new(reader.ReadString());
}
