using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grains.Interfaces.Users;
using Runtime.Core;

namespace Gateway.Mqtt.Security;

/// <summary>
/// Checks user name and password against the broker's user store (salted PBKDF2 hashes in the <c>users/all</c> grain).
/// A client without a user name is accepted only when anonymous access is on. With anonymous access on and an empty
/// user store, any credentials are accepted (the local default, like an unconfigured mosquitto). A successful check is
/// remembered briefly (by a hash of the password, never the password) so reconnect storms do not cost a PBKDF2 each.
/// A user's topic permissions (<see cref="TopicPermissions"/>) are read at each successful authentication and apply to
/// its connections from then on: a change reaches clients when they connect again. Anonymous clients are unrestricted.
/// </summary>
public sealed class UserStoreAuthenticator : IMqttAuthenticator
{
    private static readonly TimeSpan _cacheTime = TimeSpan.FromMinutes(5);
    private readonly IGrainFactory _grains;
    private readonly bool _allowAnonymous;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (byte[] Proof, long At)> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TopicPermissions> _permissions = new(StringComparer.Ordinal);

    public UserStoreAuthenticator(IGrainFactory grains, bool allowAnonymous, TimeProvider? time = null)
    {
        _grains = grains;
        _allowAnonymous = allowAnonymous;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<string?> AuthenticateAsync(string clientId, string? userName, ReadOnlyMemory<byte>? password, CancellationToken cancellationToken)
    {
        if (userName is null)
        {
            return _allowAnonymous ? null : "anonymous access is off (Mqtt:AllowAnonymous = false) and no user name was given";
        }
        var credential = await _grains.GetGrain(UserGrainKind.Name, UserGrainKind.Key).CallAsync(new GetUser(userName), cancellationToken).ConfigureAwait(false);
        if (credential.Hash.Length == 0)
        {
            if (_allowAnonymous && (await _grains.GetGrain(UserGrainKind.Name, UserGrainKind.Key).CallAsync(new ListUsers(), cancellationToken).ConfigureAwait(false)).Items.Count == 0)
            {
                return null;
            }
            return $"no user '{userName}'";
        }
        if (password is not { } secret)
        {
            return $"user '{userName}' gave no password";
        }
        var proof = SHA256.HashData([.. credential.Salt, .. secret.Span]);
        var remembered = _verified.TryGetValue(userName, out var cached) && _time.GetElapsedTime(cached.At) < _cacheTime
            && CryptographicOperations.FixedTimeEquals(cached.Proof, proof);
        if (!remembered && !PasswordHasher.Verify(credential, secret.Span))
        {
            return $"wrong password for user '{userName}'";
        }
        if (!remembered)
        {
            _verified[userName] = (proof, _time.GetTimestamp());
        }
        _permissions[userName] = await _grains.GetGrain(UserGrainKind.Name, UserGrainKind.Key)
            .CallAsync(new GetPermissions(userName), cancellationToken).ConfigureAwait(false);
        return null;
    }

    public bool MayPublish(string? userName, string topic) =>
        userName is null || !_permissions.TryGetValue(userName, out var permissions) || permissions.MayPublish(topic);

    public bool MaySubscribe(string? userName, string filter) =>
        userName is null || !_permissions.TryGetValue(userName, out var permissions) || permissions.MaySubscribe(filter);
}
