using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Session;

internal sealed partial class AmqpConnection
{
    private static readonly AmqpSymbol Plain = new("PLAIN");
    private static readonly AmqpSymbol Anonymous = new("ANONYMOUS");

    /// <summary>
    /// Protocol header(s), SASL (Part 5 §5.3) and open (Part 2 §2.4.1), within the open timeout. False when the connection
    /// must close (the answer - a header, a SASL outcome or a close - is already queued).
    /// </summary>
    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OpenTimeout);
        try
        {
            var header = await ReadHeaderAsync(timeout.Token).ConfigureAwait(false);
            if (header is null)
            {
                return false;
            }
            if (!ProtocolHeader.Negotiate(header.Value, _options.AllowAnonymous, out var response))
            {
                // §2.2: answer with the header this broker speaks, then close.
                LogBadHeader(_logger, _remote, header.Value.ToString(), response.ToString());
                Send(OutgoingFrame.ForHeader(response));
                return false;
            }
            Send(OutgoingFrame.ForHeader(response));
            if (response.Id == ProtocolId.Sasl)
            {
                _state.Transition(ConnectionOperation.SaslHeader);
                if (!await SaslAsync(timeout.Token).ConfigureAwait(false))
                {
                    return false;
                }
                var amqp = await ReadHeaderAsync(timeout.Token).ConfigureAwait(false);
                if (amqp is not { IsSupported: true, Id: ProtocolId.Amqp })
                {
                    Send(OutgoingFrame.ForHeader(ProtocolHeader.Amqp));
                    return false;
                }
                Send(OutgoingFrame.ForHeader(ProtocolHeader.Amqp));
            }
            else if (await _authenticator.AuthenticateAsync("amqp:" + _remote, null, null, timeout.Token).ConfigureAwait(false) is { } refusal)
            {
                LogAuthenticationFailed(_logger, _remote, "(anonymous)", refusal);
                return false;
            }
            _state.Transition(ConnectionOperation.AmqpHeader);
            _maxFrameSize = (uint)_options.MaxFrameSize;
            var open = await ReadFrameAsync(_maxFrameSize, static frame => frame.Performative, timeout.Token).ConfigureAwait(false);
            if (open is not Open peer)
            {
                throw new AmqpProtocolException(AmqpErrorCondition.IllegalState, ErrorScope.Connection,
                    $"The first frame after the protocol header must be open, not {open?.DescriptorName ?? "an empty frame"} (Part 2 §2.4.1).");
            }
            _state.Transition(ConnectionOperation.Open);
            AcceptOpen(peer);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoOpen(_logger, _remote, _options.OpenTimeout);
            return false;
        }
    }

    private void AcceptOpen(Open peer)
    {
        if (peer.MaxFrameSize < AmqpFrameReader.MinMaxFrameSize)
        {
            throw new AmqpProtocolException(AmqpErrorCondition.InvalidField, ErrorScope.Connection,
                $"max-frame-size {peer.MaxFrameSize} is below the minimum of {AmqpFrameReader.MinMaxFrameSize} (Part 2 §2.7.1).");
        }
        _containerId = peer.ContainerId;
        _peerMaxFrameSize = Math.Min(peer.MaxFrameSize, (uint)_options.MaxFrameSize);
        _channelMax = (ushort)Math.Min(peer.ChannelMax, _options.ChannelMax);
        _peerIdleTimeout = peer.IdleTimeOut is { } idle and > 0 ? TimeSpan.FromMilliseconds(idle) : TimeSpan.Zero;
        _lastReceived = _time.GetTimestamp();
        Send(0, new Open
        {
            ContainerId = "broker-" + Environment.MachineName,
            MaxFrameSize = _maxFrameSize,
            ChannelMax = _channelMax,
            IdleTimeOut = _options.IdleTimeout > TimeSpan.Zero ? (uint)_options.IdleTimeout.TotalMilliseconds : null,
            OfferedCapabilities = ConnectionCapabilities.Offered,
        });
        LogOpened(_logger, _remote, _containerId, _userName ?? "(anonymous)", _peerMaxFrameSize);
    }

    /// <summary>sasl-mechanisms, sasl-init, sasl-outcome (Part 5 §5.3.2). PLAIN checks the user store; ANONYMOUS only when allowed.</summary>
    private async Task<bool> SaslAsync(CancellationToken cancellationToken)
    {
        Send(0, new SaslMechanisms { SaslServerMechanisms = _options.AllowAnonymous ? [Plain, Anonymous] : [Plain] });
        var init = await ReadFrameAsync(AmqpFrameReader.MinMaxFrameSize, static frame => frame.Performative is SaslInit sasl
            ? (sasl.Mechanism, sasl.InitialResponse?.ToArray())
            : ((AmqpSymbol, byte[]?)?)null, cancellationToken).ConfigureAwait(false);
        if (init is not { } chosen)
        {
            throw new AmqpProtocolException(AmqpErrorCondition.IllegalState, ErrorScope.Connection, "Expected sasl-init after sasl-mechanisms (Part 5 §5.3.2).");
        }
        string? user = null;
        ReadOnlyMemory<byte>? password = null;
        if (chosen.Item1 == Plain)
        {
            if (!TryParsePlain(chosen.Item2, out var parsedUser, out var parsedPassword))
            {
                LogAuthenticationFailed(_logger, _remote, "?", "malformed PLAIN response (RFC 4616: [authzid] NUL authcid NUL passwd)");
                Send(0, new SaslOutcome { OutcomeCode = SaslCode.Auth });
                return false;
            }
            (user, password) = (parsedUser, parsedPassword);
        }
        else if (chosen.Item1 != Anonymous || !_options.AllowAnonymous)
        {
            LogAuthenticationFailed(_logger, _remote, "?", $"mechanism '{chosen.Item1}' is not offered");
            Send(0, new SaslOutcome { OutcomeCode = SaslCode.Auth });
            return false;
        }
        if (await _authenticator.AuthenticateAsync("amqp:" + _remote, user, password, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            LogAuthenticationFailed(_logger, _remote, user ?? "(anonymous)", refusal);
            Send(0, new SaslOutcome { OutcomeCode = SaslCode.Auth });
            return false;
        }
        _userName = user;
        Send(0, new SaslOutcome { OutcomeCode = SaslCode.Ok });
        return true;
    }

    /// <summary>RFC 4616: <c>[authzid] NUL authcid NUL passwd</c>, UTF-8.</summary>
    internal static bool TryParsePlain(byte[]? response, out string user, out ReadOnlyMemory<byte> password)
    {
        user = string.Empty;
        password = default;
        if (response is null)
        {
            return false;
        }
        var first = Array.IndexOf(response, (byte)0);
        var second = first < 0 ? -1 : Array.IndexOf(response, (byte)0, first + 1);
        if (second < 0 || second == first + 1)
        {
            return false;
        }
        try
        {
            user = new System.Text.UTF8Encoding(false, true).GetString(response, first + 1, second - first - 1);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
        password = response.AsMemory(second + 1);
        return true;
    }

    /// <summary>Reads a protocol header; null when the peer closed first or sent bytes that are not AMQP.</summary>
    private async Task<ProtocolHeader?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (ProtocolHeader.TryRead(ref buffer, out var header))
            {
                input.AdvanceTo(buffer.Start);
                if (!header.IsAmqp)
                {
                    LogBadHeader(_logger, _remote, "(not AMQP)", ProtocolHeader.Sasl.ToString());
                    Send(OutgoingFrame.ForHeader(_options.AllowAnonymous ? ProtocolHeader.Amqp : ProtocolHeader.Sasl));
                    return null;
                }
                return header;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    /// <summary>Reads one frame (heartbeats skipped) and hands it to <paramref name="read"/> while its bytes are valid.</summary>
    private async Task<T?> ReadFrameAsync<T>(uint maxFrameSize, Func<AmqpFrame, T?> read, CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var found = false;
            try
            {
                while (_reader.TryRead(ref buffer, maxFrameSize, out var frame))
                {
                    if (!frame.IsEmpty)
                    {
                        found = true;
                        return read(frame);
                    }
                }
            }
            finally
            {
                // After a frame, the rest is unexamined: the read loop takes the frames the peer pipelined behind it.
                if (found)
                {
                    input.AdvanceTo(buffer.Start);
                }
                else
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                return default;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote}: protocol header {Requested} refused; answered {Supported} and closed")]
    private static partial void LogBadHeader(ILogger logger, string remote, string requested, string supported);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote}: authentication of '{User}' failed: {Reason}")]
    private static partial void LogAuthenticationFailed(ILogger logger, string remote, string user, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote}: no open within {Timeout}; closed")]
    private static partial void LogNoOpen(ILogger logger, string remote, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AMQP {Remote}: opened by container '{ContainerId}' as {User}, max-frame-size {MaxFrameSize}")]
    private static partial void LogOpened(ILogger logger, string remote, string containerId, string user, uint maxFrameSize);
}
