using System.IO.Pipelines;
using System.Threading.Channels;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Mqtt.Security;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Gateway.Amqp.Session;

/// <summary>
/// One AMQP 1.0 connection (Part 2 §2.4): the protocol header and SASL exchange, open/close, and its sessions and links,
/// between the client's frames and the grains (through <see cref="AmqpBridge"/>). It keeps nothing that must survive
/// it: messages live in queues, durable subscriptions are queues bound to a filter.
/// </summary>
/// <remarks>
/// Threads: the read loop decodes frames and handles each under <c>_lock</c>; the event loop handles grain pushes
/// (deliveries, drained) and the completions of grain calls, also under the lock; the writer loop is the only code that
/// writes to the socket. Nothing awaits while holding the lock: grain calls are started under it and report back
/// through the event channel.
/// </remarks>
internal sealed partial class AmqpConnection : IGrainObserver
{
    private readonly IDuplexPipe _transport;
    private readonly AmqpBridge _bridge;
    private readonly IMqttAuthenticator _authenticator;
    private readonly AmqpGatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _remote;
    private readonly AmqpFrameReader _reader = new();
    private readonly ConnectionStateMachine _state = new();
    private readonly Channel<OutgoingFrame> _output = Hosting.ConnectionQueue.Create<OutgoingFrame>();
    private readonly Channel<object> _events = Hosting.ConnectionQueue.Create<object>();
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<ushort, AmqpSession> _sessions = [];
    private readonly Dictionary<string, OutgoingLink> _consumers = new(StringComparer.Ordinal);
    private uint _peerMaxFrameSize = AmqpFrameReader.MinMaxFrameSize;
    private uint _maxFrameSize = AmqpFrameReader.MinMaxFrameSize;
    private ushort _channelMax;
    private TimeSpan _peerIdleTimeout;
    private long _lastReceived;
    private long _messageCounter;
    private long _consumerCounter;
    private string _containerId = string.Empty;
    private string? _userName;
    private ObserverId? _observer;
    private bool _closeSent;

    public AmqpConnection(IDuplexPipe transport, string remote, AmqpBridge bridge, IMqttAuthenticator authenticator, AmqpGatewayOptions options,
        TimeProvider time, ILogger logger)
    {
        _transport = transport;
        _remote = remote;
        _bridge = bridge;
        _authenticator = authenticator;
        _options = options;
        _time = time;
        _logger = logger;
        ConnectionId = Guid.NewGuid().ToString("N");
    }

    /// <summary>Unique per connection: prefix of its consumer ids and message ids.</summary>
    public string ConnectionId { get; }

    public async Task RunAsync()
    {
        var token = _closing.Token;
        var writer = WriteLoopAsync();
        try
        {
            if (await HandshakeAsync(token).ConfigureAwait(false))
            {
                _observer = _bridge.Observers.CreateObserver(this);
                var events = EventLoopAsync(token);
                var maintenance = MaintenanceLoopAsync(token);
                await ReadLoopAsync(token).ConfigureAwait(false);
                // The peer closed (or left): let the writer flush what is queued - the answering detach and close - before
                // cancelling (over TLS the flush is slow enough for a cancellation to beat it).
                _output.Writer.TryComplete();
                try
                {
                    await writer.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
                await _closing.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(events, maintenance).ConfigureAwait(false);
            }
        }
        catch (AmqpProtocolException ex)
        {
            LogProtocolError(_logger, _remote, _containerId, ex.Condition.Value, ex.Message);
            CloseWith(ex.Condition, ex.Message);
        }
        catch (AmqpDecodeException ex)
        {
            LogProtocolError(_logger, _remote, _containerId, ex.Condition.Value, ex.Message);
            CloseWith(ex.Condition, ex.Message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
        }
        catch (Exception ex)
        {
            LogConnectionFailed(_logger, _remote, _containerId, ex);
            CloseWith(AmqpErrorCondition.InternalError, "internal error; see the broker log");
        }
        finally
        {
            _output.Writer.TryComplete();
            await writer.ConfigureAwait(false);
            await _closing.CancelAsync().ConfigureAwait(false);
            await ReleaseAllAsync().ConfigureAwait(false);
            if (_observer is { } observer)
            {
                _bridge.Observers.DeleteObserver(observer);
            }
            await _transport.Input.CompleteAsync().ConfigureAwait(false);
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Grain pushes (deliveries, drained) arrive on a runtime thread: hand them to the event loop.</summary>
    public void OnNotify(IWireMessage message) => _events.Writer.TryWrite(message);

    private void Post(object completion) => _events.Writer.TryWrite(completion);

    private void Send(OutgoingFrame frame) => _output.Writer.TryWrite(frame);

    private void Send(ushort channel, Performative performative) => _output.Writer.TryWrite(new OutgoingFrame(channel, performative, default));

    /// <summary>Sends close with an error (once) and ends the connection once it is written.</summary>
    private void CloseWith(AmqpSymbol condition, string description)
    {
        lock (_lock)
        {
            if (_closeSent)
            {
                return;
            }
            _closeSent = true;
        }
        if (_state.State is ConnectionState.HeaderExchanged or ConnectionState.Opened or ConnectionState.CloseSent)
        {
            if (_state.State == ConnectionState.HeaderExchanged)
            {
                // §2.4.1: an endpoint closing before open was exchanged sends an open first, then the close.
                Send(0, new Open { ContainerId = "broker", MaxFrameSize = _maxFrameSize });
            }
            Send(0, new Close { Error = new Error(condition, description) });
        }
        _output.Writer.TryComplete();
        _closing.CancelAfter(TimeSpan.FromSeconds(2)); // let the writer flush the close first
        _transport.Input.CancelPendingRead();
    }

    private async Task WriteLoopAsync()
    {
        var output = _transport.Output;
        var reader = _output.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    Write(output, frame);
                }
                var flush = await output.FlushAsync(_closing.Token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
        }
        finally
        {
            _transport.Input.CancelPendingRead();
        }
    }

    private void Write(PipeWriter output, OutgoingFrame frame)
    {
        if (frame.Header is { } header)
        {
            header.Write(output);
            return;
        }
        if (frame.Performative is null)
        {
            AmqpFrameWriter.WriteEmptyFrame(output);
            return;
        }
        if (frame.Performative is Transfer transfer)
        {
            var payload = new System.Buffers.ReadOnlySequence<byte>(frame.Payload);
            var maxFrameSize = Volatile.Read(ref _peerMaxFrameSize);
            while (AmqpFrameWriter.WriteTransfer(output, frame.Channel, transfer, ref payload, maxFrameSize))
            {
            }
            return;
        }
        AmqpFrameWriter.WriteFrame(output, frame.Channel, frame.Performative, frame.Payload.Span);
    }

    /// <summary>Transfer frames a message of <paramref name="length"/> bytes takes at the peer's max-frame-size.</summary>
    private int FramesFor(Transfer transfer, int length)
    {
        if (AmqpFrameWriter.GetFrameSize(transfer, length) <= _peerMaxFrameSize)
        {
            return 1;
        }
        var more = transfer.More;
        transfer.More = true;
        var room = _peerMaxFrameSize - AmqpFrameWriter.GetFrameSize(transfer, 0);
        transfer.More = more;
        return (int)((length + room - 1) / room);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote} ({ContainerId}): closing: {Condition} {Message}")]
    private static partial void LogProtocolError(ILogger logger, string remote, string containerId, string condition, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP {Remote} ({ContainerId}): connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, string remote, string containerId, Exception exception);
}
