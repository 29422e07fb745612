using Gateway.Mqtt.Codec;
using Grains.Interfaces.Sessions;

namespace Gateway.Mqtt.Session;

internal sealed partial class MqttConnection
{
    /// <summary>The next packet, or null when the connection closed.</summary>
    private async Task<MqttPacket?> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool decoded;
            MqttPacket? packet;
            try
            {
                decoded = _reader.TryRead(ref buffer, out packet);
            }
            catch
            {
                input.AdvanceTo(buffer.Start);
                throw;
            }
            if (decoded)
            {
                input.AdvanceTo(buffer.Start);
                return packet;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (await ReadPacketAsync(cancellationToken).ConfigureAwait(false) is { } packet)
        {
            _lastPacketTimestamp = _time.GetTimestamp();
            switch (packet)
            {
                case PublishPacket publish:
                    await AcceptPublishAsync(publish, cancellationToken).ConfigureAwait(false);
                    break;
                case PubAckPacket ack:
                    OnPubAck(ack.PacketIdentifier);
                    break;
                case PubRecPacket rec:
                    await OnPubRecAsync(rec.PacketIdentifier, cancellationToken).ConfigureAwait(false);
                    break;
                case PubRelPacket rel:
                    await _grains.GetGrain(SessionGrainKind.Name, _clientId)
                        .CallAsync(new InboundQos2(ConnectionId, rel.PacketIdentifier, Release: true), cancellationToken).ConfigureAwait(false);
                    Send(new PubCompPacket { PacketIdentifier = rel.PacketIdentifier, ReasonCode = MqttReasonCode.Success });
                    break;
                case PubCompPacket comp:
                    await OnPubCompAsync(comp.PacketIdentifier, cancellationToken).ConfigureAwait(false);
                    break;
                case SubscribePacket subscribe:
                    await SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
                    break;
                case UnsubscribePacket unsubscribe:
                    await UnsubscribeAsync(unsubscribe, cancellationToken).ConfigureAwait(false);
                    break;
                case PingReqPacket:
                    Send(new PingRespPacket());
                    break;
                case DisconnectPacket disconnect:
                    OnDisconnect(disconnect);
                    return;
                case ConnectPacket:
                    throw new MqttProtocolException(MqttReasonCode.ProtocolError, "a second CONNECT on one connection [MQTT-3.1.0-2]");
                case AuthPacket:
                    // [MQTT-4.12.0-7] a client whose CONNECT named no Authentication Method must not send AUTH (and one that
                    // named one was refused with 0x8C): a Protocol Error, answered with DISCONNECT 0x82 (§4.13).
                    throw new MqttProtocolException(MqttReasonCode.ProtocolError,
                        "AUTH, but the CONNECT named no authentication method [MQTT-4.12.0-7]; this broker supports user name and password only");
                default:
                    throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"a client does not send {packet.Type}");
            }
        }
    }

    private void OnDisconnect(DisconnectPacket disconnect)
    {
        // [MQTT-3.14.4-3] a normal DISCONNECT discards the will; v5 0x04 asks for it to be published.
        _normalDisconnect = disconnect.ReasonCode != MqttReasonCode.DisconnectWithWillMessage;
        if (disconnect.Properties?.SessionExpiryInterval is { } expiry)
        {
            _disconnectExpiry = expiry;
        }
        LogDisconnected(_logger, _clientId, disconnect.ReasonCode);
    }

    /// <summary>Keep alive [MQTT-3.1.2-24]: 1.5 times the interval without a packet closes the connection; renews the
    /// session's and the queues' leases.</summary>
    private async Task MaintenanceLoopAsync(CancellationToken cancellationToken)
    {
        var lastRenew = _time.GetTimestamp();
        // One timer for the connection's life, not a timer and a task every tick: 10,000 idle clients tick 20,000 times a second.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_keepAliveSeconds > 0 && _time.GetElapsedTime(Volatile.Read(ref _lastPacketTimestamp)) > TimeSpan.FromSeconds(_keepAliveSeconds * 1.5))
                {
                    LogKeepAlive(_logger, _remote, _clientId, _keepAliveSeconds);
                    CloseWith(MqttReasonCode.KeepAliveTimeout);
                    return;
                }
                if (_time.GetElapsedTime(lastRenew) >= _sessionLease / 3)
                {
                    lastRenew = _time.GetTimestamp();
                    await RenewAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            LogConnectionFailed(_logger, _remote, _clientId, ex);
            CloseWith(MqttReasonCode.UnspecifiedError);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT {ClientId}: DISCONNECT ({Reason})")]
    private static partial void LogDisconnected(ILogger logger, string clientId, MqttReasonCode reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT {Remote} ({ClientId}): no packet within 1.5 x keep alive {KeepAlive} s; closed")]
    private static partial void LogKeepAlive(ILogger logger, string remote, string clientId, ushort keepAlive);
}
