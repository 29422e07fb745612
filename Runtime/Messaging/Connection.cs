using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Runtime.Activation;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>
/// A runtime connection after the preamble exchange: a reader loop decoding frames and a writer loop draining a
/// bounded queue of outgoing frames, writing as many as are ready before one flush (batching). A full queue makes
/// senders wait (backpressure) instead of growing memory. Also the response sink of requests it delivered.
/// </summary>
internal sealed partial class Connection : IResponseSink
{
    private IDuplexPipe? _transport;
    private readonly IFrameHandler _handler;
    private readonly MessagingOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Frame> _outbound;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closed;

    /// <summary>A connection over an established transport; call <see cref="Start()"/>.</summary>
    public Connection(IDuplexPipe transport, ConnectionRole remoteRole, string remoteId, IFrameHandler handler,
        MessagingOptions options, ILogger logger)
        : this(remoteRole, remoteId, handler, options, logger) => _transport = transport;

    /// <summary>A connection still being dialed: frames queue up (in order) until <see cref="Start(IDuplexPipe)"/>
    /// attaches the transport, or fail if <see cref="Abort"/> comes first.</summary>
    public Connection(ConnectionRole remoteRole, string remoteId, IFrameHandler handler, MessagingOptions options, ILogger logger)
    {
        RemoteRole = remoteRole;
        RemoteId = remoteId;
        _handler = handler;
        _options = options;
        _logger = logger;
        _outbound = Channel.CreateBounded<Frame>(new BoundedChannelOptions(options.OutboundQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ConnectionRole RemoteRole { get; }

    /// <summary>The peer's id: a silo address string or a client id.</summary>
    public string RemoteId { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Completes when the transport is attached; faults with the reason when the connection closes first.</summary>
    public Task Established => _established.Task;

    /// <summary>Completes when both loops have ended.</summary>
    public Task Completion => _completion.Task;

    public void Start()
    {
        _established.TrySetResult();
        _ = Task.Run(RunAsync);
    }

    /// <summary>Attaches the dialed transport and starts the loops.</summary>
    public void Start(IDuplexPipe transport)
    {
        _transport = transport;
        Start();
    }

    /// <summary>Queues a frame, waiting while the queue is full. Throws <see cref="ConnectionLostException"/> once closed.</summary>
    public async ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default)
    {
        try
        {
            await _outbound.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ConnectionLostException($"The connection to {RemoteId} is closed.");
        }
    }

    /// <summary>Queues a frame from code that cannot wait (responses from a grain turn, notifications): when the queue is
    /// full the frame is queued by a continuation, so it is not lost, but it may overtake later frames.</summary>
    public void Send(Frame frame)
    {
        if (_outbound.Writer.TryWrite(frame))
        {
            return;
        }
        _ = SendLaterAsync(frame);
    }

    private async Task SendLaterAsync(Frame frame)
    {
        try
        {
            await SendAsync(frame).ConfigureAwait(false);
        }
        catch (ConnectionLostException ex)
        {
            _handler.OnSendFailed(this, frame, ex);
        }
    }

    public void Complete(ulong correlationId, IWireMessage reply) => Send(Frame.Response(correlationId, reply));

    public void Fail(ulong correlationId, Exception exception) =>
        Send(Frame.Error(correlationId, CallStatus.AppError, exception.GetType().Name, exception.Message));

    public void Reject(ulong correlationId, CallStatus status, string message) =>
        Send(Frame.Error(correlationId, status, status.ToString(), message));

    /// <summary>Closes the connection; pending outgoing frames are reported as failed.</summary>
    public void Abort(Exception? reason = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _outbound.Writer.TryComplete();
        _closing.Cancel();
        var neverStarted = _transport is null;
        _established.TrySetException(reason as SiloUnavailableException
            ?? new SiloUnavailableException($"The connection to {RemoteId} closed.", reason ?? new ConnectionLostException()));
        _ = _established.Task.Exception; // observed: nobody may be waiting
        _ = Task.Run(async () =>
        {
            await Task.Yield();
            while (_outbound.Reader.TryRead(out var frame))
            {
                _handler.OnSendFailed(this, frame, new ConnectionLostException($"The connection to {RemoteId} closed."));
            }
            _handler.OnClosed(this, reason);
            if (neverStarted)
            {
                _completion.TrySetResult();
            }
        });
    }

    private async Task RunAsync()
    {
        Exception? reason = null;
        try
        {
            var reading = ReadLoopAsync(_closing.Token);
            var writing = WriteLoopAsync(_closing.Token);
            var first = await Task.WhenAny(reading, writing).ConfigureAwait(false);
            reason = first.Exception?.GetBaseException();
            Abort(reason);
            await Task.WhenAll(reading, writing).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or ConnectionLostException)
        {
        }
        catch (WireFormatException ex)
        {
            LogMalformed(_logger, RemoteId, ex.Message);
        }
        catch (Exception ex)
        {
            LogLoopFailed(_logger, RemoteId, ex);
        }
        finally
        {
            Abort(reason);
            await _transport!.Input.CompleteAsync().ConfigureAwait(false);
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
            _completion.TrySetResult();
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var input = _transport!.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (FrameCodec.TryRead(ref buffer, _options.MaxFrameLength, out var frame))
                {
                    _handler.OnFrame(this, frame!);
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var output = _transport!.Output;
        var reader = _outbound.Reader;
        var scratch = new ArrayBufferWriter<byte>(4096);
        // No token here: a cancellable wait allocates a waiter per wake-up; Abort completes the channel, which ends the loop.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                try
                {
                    FrameCodec.Write(frame, scratch, output, _options.MaxFrameLength);
                }
                catch (InvalidOperationException ex)
                {
                    _handler.OnSendFailed(this, frame, ex);
                    if (frame.Kind == FrameKind.Response && frame.Status == CallStatus.Ok)
                    {
                        FrameCodec.Write(Frame.Error(frame.CorrelationId, CallStatus.AppError, nameof(InvalidOperationException), ex.Message),
                            scratch, output, _options.MaxFrameLength);
                    }
                }
                if (output.UnflushedBytes >= 256 * 1024)
                {
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            var flush = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flush.IsCompleted)
            {
                return;
            }
        }
    }

    public override string ToString() => $"{RemoteRole} {RemoteId}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the connection from {RemoteId}: malformed frame: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string remoteId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection with {RemoteId} failed")]
    private static partial void LogLoopFailed(ILogger logger, string remoteId, Exception exception);
}
