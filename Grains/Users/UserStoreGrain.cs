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
            case ListUsers:
                return new StringList([.. State.Users.Keys]);
            default:
                throw Unknown(request);
        }
    }
}
