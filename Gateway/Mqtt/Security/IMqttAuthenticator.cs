namespace Gateway.Mqtt.Security;

/// <summary>
/// Decides whether a client may connect, and (the seam for per-topic authorization) what it may publish and subscribe to.
/// </summary>
public interface IMqttAuthenticator
{
    /// <summary>Null when the client may connect; otherwise the reason to log (the client gets "bad user name or password").</summary>
    ValueTask<string?> AuthenticateAsync(string clientId, string? userName, ReadOnlyMemory<byte>? password, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="userName"/> may publish to <paramref name="topic"/>.</summary>
    bool MayPublish(string? userName, string topic) => true;

    /// <summary>Whether <paramref name="userName"/> may subscribe to <paramref name="filter"/>.</summary>
    bool MaySubscribe(string? userName, string filter) => true;
}
