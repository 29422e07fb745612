namespace Gateway.Mqtt.Security;

/// <summary>Lets everyone in when anonymous access is on; otherwise refuses clients without credentials (no user store
/// is configured yet, so every credential is refused too).</summary>
public sealed class AnonymousAuthenticator : IMqttAuthenticator
{
    private readonly bool _allowAnonymous;

    public AnonymousAuthenticator(bool allowAnonymous) => _allowAnonymous = allowAnonymous;

    public ValueTask<string?> AuthenticateAsync(string clientId, string? userName, ReadOnlyMemory<byte>? password, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_allowAnonymous
            ? null
            : userName is null ? "anonymous access is off" : $"no user store is configured to check user '{userName}'");
}
