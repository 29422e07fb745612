using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Users;

/// <summary>A user's topic permissions; unrestricted when none were set.</summary>
public sealed record GetPermissions(string UserName) : IGrainRequest<TopicPermissions>, IWireMessage<GetPermissions>
{
    public static string WireName => "users.get-permissions";

    public void Write(ref WireWriter writer) => writer.WriteString(UserName);

    public static GetPermissions Read(ref WireReader reader) => new(reader.ReadString());
}
