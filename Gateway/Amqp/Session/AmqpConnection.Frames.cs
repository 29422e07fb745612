using Gateway.Amqp.Framing;

namespace Gateway.Amqp.Session;

internal sealed partial class AmqpConnection
{
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var open = true;
            try
            {
                // The frames of one read are handled in one hold of the lock: events (grain pushes, completions) come
                // between reads, and what the frames gathered (settlements, dispositions) goes out once.
                lock (_lock)
                {
                    while (open && _reader.TryRead(ref buffer, _maxFrameSize, out var frame))
                    {
                        open = HandleFrame(frame);
                    }
                    FlushBatches();
                }
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
            if (!open)
            {
                return;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Handles one frame under the lock; false once the connection is closed. Link and session errors end
    /// only their link or session (detach / end with the error); connection errors propagate to the catch ladder.</summary>
    private bool HandleFrame(in AmqpFrame frame)
    {
        if (frame.IsEmpty)
        {
            return true; // heartbeat (§2.4.5)
        }
        if (frame.Performative is Close close)
        {
            OnClose(close);
            return false;
        }
        _state.Transition(frame.Performative is Open ? ConnectionOperation.Open : ConnectionOperation.Frame);
        if (_state.State == ConnectionState.CloseSent)
        {
            return true; // §2.4.3 DISCARDING: frames after our close are ignored until the peer's close
        }
        AmqpSession? session = null;
        AmqpLink? link = null;
        try
        {
            switch (frame.Performative)
            {
                case Begin begin:
                    OnBegin(frame.Channel, begin);
                    break;
                case End end:
                    OnEnd(SessionOf(frame.Channel, allowEnding: true), end);
                    break;
                case Attach attach:
                    session = SessionOf(frame.Channel);
                    if (session is not null)
                    {
                        OnAttach(session, attach);
                    }
                    break;
                case Flow flow:
                    session = SessionOf(frame.Channel);
                    if (session is not null)
                    {
                        link = flow.Handle is { } flowHandle ? LinkOf(session, flowHandle) : null;
                        OnFlow(session, flow, link);
                    }
                    break;
                case Transfer transfer:
                    session = SessionOf(frame.Channel);
                    if (session is not null)
                    {
                        link = LinkOf(session, transfer.Handle);
                        OnTransfer(session, transfer, link, frame.Payload);
                    }
                    break;
                case Disposition disposition:
                    session = SessionOf(frame.Channel);
                    if (session is not null)
                    {
                        OnDisposition(session, disposition);
                    }
                    break;
                case Detach detach:
                    session = SessionOf(frame.Channel);
                    if (session is not null)
                    {
                        OnDetach(session, detach);
                    }
                    break;
                default:
                    throw new AmqpProtocolException(AmqpErrorCondition.IllegalState, ErrorScope.Connection,
                        $"{frame.Performative!.DescriptorName} is not expected on an open connection.");
            }
        }
        catch (AmqpProtocolException ex) when (ex.Scope == ErrorScope.Link && session is not null && link is not null)
        {
            LogLinkError(_logger, _remote, _containerId, link.Name, ex.Condition.Value, ex.Message);
            DetachWithError(link, ex);
        }
        catch (AmqpProtocolException ex) when (ex.Scope is ErrorScope.Link or ErrorScope.Session && session is not null)
        {
            LogSessionError(_logger, _remote, _containerId, session.RemoteChannel, ex.Condition.Value, ex.Message);
            EndWithError(session, ex);
        }
        return true;
    }

    /// <summary>The session on <paramref name="channel"/>; null while it is ending (frames are then ignored).</summary>
    private AmqpSession? SessionOf(ushort channel, bool allowEnding = false)
    {
        if (!_sessions.TryGetValue(channel, out var session))
        {
            throw new AmqpProtocolException(AmqpErrorCondition.IllegalState, ErrorScope.Connection,
                $"A frame on channel {channel}, which has no session (begin it first; Part 2 §2.5.1).");
        }
        return session.Ending && !allowEnding ? null : session;
    }

    private static AmqpLink LinkOf(AmqpSession session, uint handle) =>
        session.Links.TryGetValue(handle, out var link)
            ? link
            : throw new AmqpProtocolException(AmqpErrorCondition.UnattachedHandle, ErrorScope.Session,
                $"Handle {handle} is not attached on this session (Part 2 §2.6.2).");

    private void OnBegin(ushort channel, Begin begin)
    {
        if (begin.RemoteChannel is not null)
        {
            throw new AmqpProtocolException(AmqpErrorCondition.IllegalState, ErrorScope.Connection,
                "begin with remote-channel answers a begin this broker sent, and it sends none.");
        }
        if (channel > _channelMax)
        {
            throw new AmqpProtocolException(AmqpErrorCondition.FramingError, ErrorScope.Connection,
                $"Channel {channel} is above the negotiated channel-max {_channelMax} (Part 2 §2.7.1).");
        }
        if (_sessions.ContainsKey(channel))
        {
            throw new AmqpProtocolException(AmqpErrorCondition.IllegalState, ErrorScope.Connection,
                $"Channel {channel} already carries a session.");
        }
        var handleMax = Math.Min(begin.HandleMax, (uint)_options.HandleMax);
        var session = new AmqpSession(channel, channel, begin.NextOutgoingId, begin.IncomingWindow, handleMax);
        _sessions[channel] = session;
        Send(channel, new Begin
        {
            RemoteChannel = channel,
            NextOutgoingId = session.NextOutgoingId,
            IncomingWindow = AmqpSession.IncomingWindowSize,
            OutgoingWindow = int.MaxValue,
            HandleMax = handleMax,
        });
    }

    private void OnEnd(AmqpSession? session, End end)
    {
        if (session is null)
        {
            return;
        }
        foreach (var link in session.Links.Values.ToList())
        {
            CloseLink(link, unsubscribe: false);
        }
        session.Links.Clear();
        _sessions.Remove(session.LocalChannel);
        if (!session.Ending)
        {
            Send(session.LocalChannel, new End());
        }
        if (end.Error is { } error)
        {
            LogPeerError(_logger, _remote, _containerId, "end", error.Condition.Value, error.Description ?? string.Empty);
        }
    }

    private void OnClose(Close close)
    {
        if (close.Error is { } error)
        {
            LogPeerError(_logger, _remote, _containerId, "close", error.Condition.Value, error.Description ?? string.Empty);
        }
        if (_state.Allows(ConnectionOperation.Close))
        {
            var wasClosing = _state.State == ConnectionState.CloseSent;
            _state.Transition(ConnectionOperation.Close);
            if (!wasClosing)
            {
                Send(0, new Close());
            }
        }
        _closeSent = true;
        _output.Writer.TryComplete();
    }

    private void DetachWithError(AmqpLink link, AmqpProtocolException error)
    {
        if (!link.Detached)
        {
            Send(link.Session.LocalChannel, new Detach { Handle = link.LocalHandle, Closed = true, Error = new Error(error.Condition, error.Message) });
            CloseLink(link, unsubscribe: false); // stays in the session's links until the client's detach answers ours
        }
    }

    private void EndWithError(AmqpSession session, AmqpProtocolException error)
    {
        if (session.Ending)
        {
            return;
        }
        session.Ending = true;
        foreach (var link in session.Links.Values.ToList())
        {
            CloseLink(link, unsubscribe: false);
        }
        session.Links.Clear();
        Send(session.LocalChannel, new End { Error = new Error(error.Condition, error.Message) });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote} ({ContainerId}): link '{Link}' detached: {Condition} {Message}")]
    private static partial void LogLinkError(ILogger logger, string remote, string containerId, string link, string condition, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote} ({ContainerId}): session on channel {Channel} ended: {Condition} {Message}")]
    private static partial void LogSessionError(ILogger logger, string remote, string containerId, ushort channel, string condition, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AMQP {Remote} ({ContainerId}): peer sent {Performative} with error {Condition} {Message}")]
    private static partial void LogPeerError(ILogger logger, string remote, string containerId, string performative, string condition, string message);
}
