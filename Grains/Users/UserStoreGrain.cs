using Grains.Interfaces.Queues;
using Grains.Interfaces.Users;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Users;

/// <summary>The user store shared by the MQTT and AMQP gateways: salted hashes only, durable in grain storage.</summary>
public sealed class UserStoreGrain : PersistentGrain<UserStoreState>
{
    protected override UserStoreState CreateInitialState() => new();

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        switch (request)
        {
            case SetUser set:
                var existed = State.Users.ContainsKey(set.Credential.UserName);
                if (set.Credential.Hash.Length == 0)
                {
                    State.Users.Remove(set.Credential.UserName);
                    State.Permissions.Remove(set.Credential.UserName);
                }
                else
                {
                    State.Users[set.Credential.UserName] = set.Credential;
                }
                await WriteStateAsync().ConfigureAwait(false);
                return new BoolValue(existed);
            case GetUser get:
                return State.Users.TryGetValue(get.UserName, out var credential)
                    ? credential
                    : new UserCredential(get.UserName, [], [], 0);
            case SetPermissions permissions:
                if (!State.Users.ContainsKey(permissions.Permissions.UserName))
                {
                    return new BoolValue(false);
                }
                if (permissions.Permissions is { Publish: null, Subscribe: null })
                {
                    State.Permissions.Remove(permissions.Permissions.UserName);
                }
                else
                {
                    State.Permissions[permissions.Permissions.UserName] = permissions.Permissions;
                }
                await WriteStateAsync().ConfigureAwait(false);
                return new BoolValue(true);
            case GetPermissions get:
                return State.Permissions.TryGetValue(get.UserName, out var found) ? found : TopicPermissions.Unrestricted(get.UserName);
            case ListUsers:
                return new StringList([.. State.Users.Keys]);
            default:
                throw Unknown(request);
        }
    }
}
