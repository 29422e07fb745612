using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Users;

/// <summary>Sets a user's topic permissions (both lists null: unrestricted again). Replies false when there is no such user.</summary>
public sealed record SetPermissions(TopicPermissions Permissions) : IGrainRequest<BoolValue>, IWireMessage<SetPermissions>
{
    public static string WireName => "users.set-permissions";

    public void Write(ref WireWriter writer) => Permissions.Write(ref writer);

    public static SetPermissions Read(ref WireReader reader) => new(TopicPermissions.Read(ref reader));
}
