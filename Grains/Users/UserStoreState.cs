using Grains.Interfaces.Users;
using Runtime.Serialization;

namespace Grains.Users;

/// <summary>The users, their credentials and their topic permissions (the permissions follow the users in the encoding,
/// so state written before they existed reads as "no permissions set").</summary>
public sealed class UserStoreState : IWireMessage<UserStoreState>
{
    public SortedDictionary<string, UserCredential> Users { get; set; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, TopicPermissions> Permissions { get; set; } = new(StringComparer.Ordinal);

    public static string WireName => "users.state";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarUInt64((ulong)Users.Count);
        foreach (var user in Users.Values)
        {
            user.Write(ref writer);
        }
        writer.WriteVarUInt64((ulong)Permissions.Count);
        foreach (var permissions in Permissions.Values)
        {
            permissions.Write(ref writer);
        }
    }

    public static UserStoreState Read(ref WireReader reader)
    {
        var state = new UserStoreState();
        var count = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
        for (var i = 0; i < count; i++)
        {
            var user = UserCredential.Read(ref reader);
            state.Users[user.UserName] = user;
        }
        if (reader.Remaining > 0)
        {
            var permissionCount = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
            for (var i = 0; i < permissionCount; i++)
            {
                var permissions = TopicPermissions.Read(ref reader);
                state.Permissions[permissions.UserName] = permissions;
            }
        }
        return state;
    }
}
