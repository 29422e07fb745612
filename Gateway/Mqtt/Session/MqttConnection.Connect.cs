using Gateway.Mqtt.Codec;
using Grains.Interfaces.Sessions;

namespace Gateway.Mqtt.Session;

internal sealed partial class MqttConnection
{
    /// <summary>
    /// Waits for CONNECT (the first packet [MQTT-3.1.0-1], within the connect timeout), authenticates, takes over the
    /// session in its grain and answers CONNACK. False when the connection must close.
    /// </summary>
    private async Task<bool> AcceptConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        MqttPacket? first;
        try
        {
            first = await ReadPacketAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoConnect(_logger, _remote, _options.ConnectTimeout);
            return false;
        }
        catch (MqttProtocolException ex) when (_reader.ProtocolVersion != MqttProtocolVersion.Unknown)
        {
            // A CONNECT we could read the version of: answer with its CONNACK reason [MQTT-3.2.2-6].
            _version = _reader.ProtocolVersion;
            LogProtocolError(_logger, _remote, _clientId, ex.ReasonCode, ex.Message);
            Send(new ConnAckPacket { ReasonCode = ex.ReasonCode });
            return false;
        }
        if (first is not ConnectPacket connect)
        {
            return false; // [MQTT-3.1.0-1] anything else first: close
        }
        _version = connect.ProtocolVersion;
        _keepAliveSeconds = connect.KeepAlive;
        _clientId = connect.ClientId;
        _userName = connect.UserName;
        _clientMaximumPacketSize = connect.Properties?.MaximumPacketSize ?? uint.MaxValue;
        if (connect.Properties?.AuthenticationMethod is { } method)
        {
            // MQTT 5.0 §4.12: enhanced authentication is optional; a Server that does not support the method may answer
            // 0x8C and MUST close the connection [MQTT-4.12.0-1]. We support none: never AUTH back [MQTT-4.12.0-6].
            return Refuse(MqttReasonCode.BadAuthenticationMethod,
                $"authentication method '{method}' is not supported; this broker authenticates with user name and password only");
        }
        if (connect.Properties?.AuthenticationData is not null)
        {
            // §3.1.2.11.10: "It is a Protocol Error to include Authentication Data if there is no Authentication Method".
            return Refuse(MqttReasonCode.ProtocolError, "authentication data without an authentication method");
        }
        var assigned = false;
        if (_clientId.Length == 0)
        {
            if (_version != MqttProtocolVersion.V500 && !connect.CleanStart)
            {
                // [MQTT-3.1.3-8] a zero-length client id needs clean session in 3.1.1.
                return Refuse(MqttReasonCode.ClientIdentifierNotValid, "an empty client id needs clean session = 1");
            }
            _clientId = "auto-" + Guid.NewGuid().ToString("N"); // [MQTT-3.1.3-6]
            assigned = true;
        }
        if (await _authenticator.AuthenticateAsync(_clientId, connect.UserName, connect.Password, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return Refuse(MqttReasonCode.BadUserNameOrPassword, refusal);
        }
        _observer = _observers.CreateObserver(this);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        // v3.1.1: clean session = the session ends with the connection; otherwise it never expires.
        long expiry = _version == MqttProtocolVersion.V500
            ? connect.Properties?.SessionExpiryInterval ?? 0
            : connect.CleanStart ? 0 : uint.MaxValue;
        var will = connect.Will is { } w ? MqttMessageMapping.WillToBrokerMessage(w, _clientId, now) : null;
        var willDelay = connect.Will?.Properties?.WillDelayInterval ?? 0;
        var session = await _grains.GetGrain(SessionGrainKind.Name, _clientId).CallAsync(new ConnectSession(ConnectionId, _observer.Value,
            connect.CleanStart, expiry, will, willDelay), cancellationToken).ConfigureAwait(false);
        _sessionStarted = true;
        _statistics.ClientConnected();
        _clientReceiveMaximum = connect.Properties?.ReceiveMaximum ?? (ushort)Math.Min(ushort.MaxValue, _options.DefaultOutboundWindow);
        StartOutboundAliases(connect);
        _sessionLease = TimeSpan.FromMilliseconds(session.LeaseMilliseconds);
        _reader.ProtocolVersion = _version;
        Send(new ConnAckPacket
        {
            SessionPresent = session.SessionPresent,
            ReasonCode = MqttReasonCode.Success,
            Properties = _version == MqttProtocolVersion.V500 ? new MqttProperties
            {
                AssignedClientIdentifier = assigned ? _clientId : null,
                ReceiveMaximum = _options.ReceiveMaximum,
                MaximumPacketSize = (uint)_options.MaximumPacketSize,
                TopicAliasMaximum = _options.TopicAliasMaximum,
                RetainAvailable = true,
                WildcardSubscriptionAvailable = true,
                SubscriptionIdentifierAvailable = true,
                SharedSubscriptionAvailable = true,
                MaximumQoS = null,
            } : null,
        });
        _lastPacketTimestamp = _time.GetTimestamp();
        LogConnected(_logger, _remote, _clientId, _version, session.SessionPresent);
        await RestoreSessionAsync(session, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool Refuse(MqttReasonCode reason, string why)
    {
        LogRefused(_logger, _remote, _clientId, reason, why);
        var connAck = new ConnAckPacket { ReasonCode = reason };
        connAck.Properties = ReasonStringFor(connAck, why); // v5: tell the client why (§3.2.2.3.9)
        Send(connAck);
        return false;
    }

    /// <summary>Ends the connection's part in the session: consumers detached (their unsettled deliveries go back to the
    /// queues), transient subscriptions dropped, the session told how the connection ended (will or not).</summary>
    private async Task EndSessionAsync()
    {
        if (!_sessionStarted)
        {
            return;
        }
        _statistics.ClientDisconnected();
        try
        {
            await DetachEverythingAsync().ConfigureAwait(false);
            await _grains.GetGrain(SessionGrainKind.Name, _clientId)
                .CallAsync(new DisconnectSession(ConnectionId, _normalDisconnect, _disconnectExpiry)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogEndFailed(_logger, _clientId, ex);
        }
        finally
        {
            if (_observer is { } observer)
            {
                _observers.DeleteObserver(observer);
            }
        }
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "MQTT {Remote}: no CONNECT within {Timeout}; closed")]
    private static partial void LogNoConnect(Microsoft.Extensions.Logging.ILogger logger, string remote, TimeSpan timeout);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "MQTT {Remote}: CONNECT of {ClientId} refused ({Reason}): {Why}")]
    private static partial void LogRefused(Microsoft.Extensions.Logging.ILogger logger, string remote, string clientId, MqttReasonCode reason, string why);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "MQTT {Remote}: {ClientId} connected ({Version}, session present {SessionPresent})")]
    private static partial void LogConnected(Microsoft.Extensions.Logging.ILogger logger, string remote, string clientId, MqttProtocolVersion version, bool sessionPresent);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "MQTT {ClientId}: ending the session's connection failed")]
    private static partial void LogEndFailed(Microsoft.Extensions.Logging.ILogger logger, string clientId, Exception exception);
}
