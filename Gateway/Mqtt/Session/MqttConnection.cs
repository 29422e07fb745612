using System.IO.Pipelines;
using System.Threading.Channels;
using Gateway.Mqtt.Codec;
using Gateway.Mqtt.Security;
using Gateway.Routing;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Gateway.Mqtt.Session;

/// <summary>
/// One MQTT client connection: the protocol state machine between the client's packets and the grains. It holds no
/// state that must survive it: subscriptions, packet-id state of QoS 2 and undelivered messages live in the session
/// grain and its inbox queue, so the client resumes through any gateway.
/// <code>
///   connected --CONNECT ok--> session --DISCONNECT / error / taken over / keep-alive timeout--> closed
///        \--no CONNECT in time, bad CONNECT, auth refused----------------------------------------/
/// </code>
/// Loops: the reader (packets in order; PUBLISHes are pipelined and acknowledged in order by the ack loop), the event
/// loop (pushes from grains: deliveries, takeover), the writer (the only code that writes to the socket).
/// </summary>
internal sealed partial class MqttConnection : IGrainObserver
{
    private readonly IDuplexPipe _transport;
    private readonly IGrainFactory _grains;
    private readonly IObserverFactory _observers;
    private readonly RouteTableCache _routes;
    private readonly IMqttAuthenticator _authenticator;
    private readonly MqttGatewayOptions _options;
    private readonly MqttStatistics _statistics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttPacketReader _reader;
    private readonly Channel<MqttPacket> _output = Hosting.ConnectionQueue.Create<MqttPacket>();
    private readonly Channel<IWireMessage> _events = Hosting.ConnectionQueue.Create<IWireMessage>();
    private readonly Channel<PendingInbound> _inboundAcks;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _lock = new();
    private readonly string _remote;
    private MqttProtocolVersion _version;
    private string _clientId = string.Empty;
    private string? _userName;
    private ObserverId? _observer;
    private bool _sessionStarted;
    private bool _normalDisconnect;
    private long? _disconnectExpiry;
    private long _lastPacketTimestamp;
    private ushort _keepAliveSeconds;
    private MqttReasonCode? _closeReason;

    public MqttConnection(IDuplexPipe transport, string remote, IGrainFactory grains, IObserverFactory observers, RouteTableCache routes,
        IMqttAuthenticator authenticator, MqttGatewayOptions options, MqttStatistics statistics, TimeProvider time, ILogger logger)
    {
        _transport = transport;
        _statistics = statistics;
        _remote = remote;
        _grains = grains;
        _observers = observers;
        _routes = routes;
        _authenticator = authenticator;
        _options = options;
        _time = time;
        _logger = logger;
        _reader = new MqttPacketReader(MqttProtocolVersion.Unknown, options.MaximumPacketSize);
        _inboundAcks = Channel.CreateBounded<PendingInbound>(new BoundedChannelOptions(options.ReceiveMaximum + 16) { SingleReader = true });
        ConnectionId = Guid.NewGuid().ToString("N");
    }

    /// <summary>Unique per connection: the session's current owner, the consumer id on queues.</summary>
    public string ConnectionId { get; }

    /// <summary>Runs the connection until it closes.</summary>
    public async Task RunAsync()
    {
        var token = _closing.Token;
        var writer = WriteLoopAsync(token);
        try
        {
            if (await AcceptConnectAsync(token).ConfigureAwait(false))
            {
                var events = EventLoopAsync(token);
                var acks = AckLoopAsync(token);
                var maintenance = MaintenanceLoopAsync(token);
                await ReadLoopAsync(token).ConfigureAwait(false);
                _inboundAcks.Writer.TryComplete();
                await acks.ConfigureAwait(false); // acknowledge what was already accepted before closing
                _output.Writer.TryComplete();
                await DrainWriterAsync(writer).ConfigureAwait(false);
                await _closing.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(events, maintenance).ConfigureAwait(false);
            }
        }
        catch (MqttProtocolException ex)
        {
            LogProtocolError(_logger, _remote, _clientId, ex.ReasonCode, ex.Message);
            CloseWith(ex.ReasonCode, ex.Message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
        }
        catch (Exception ex)
        {
            LogConnectionFailed(_logger, _remote, _clientId, ex);
            CloseWith(MqttReasonCode.UnspecifiedError);
        }
        finally
        {
            _output.Writer.TryComplete();
            await DrainWriterAsync(writer).ConfigureAwait(false);
            await _closing.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            await EndSessionAsync().ConfigureAwait(false);
            await _transport.Input.CompleteAsync().ConfigureAwait(false);
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Grain pushes (deliveries, takeover) arrive on a runtime thread: hand them to the event loop.</summary>
    public void OnNotify(IWireMessage message) => _events.Writer.TryWrite(message);

    private void Send(MqttPacket packet)
    {
        if (packet is PublishPacket)
        {
            _statistics.Sent();
        }
        _output.Writer.TryWrite(packet);
    }

    /// <summary>
    /// The last answer (a CONNACK refusal, a DISCONNECT with its reason, the final acknowledgements) is queued and the
    /// output completed: let the writer flush it before anything cancels it, for at most 2 s (a client that does not
    /// read). Over TLS the flush takes long enough for an early cancellation to lose the answer.
    /// </summary>
    private static async Task DrainWriterAsync(Task writer)
    {
        try
        {
            await writer.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>Closes the connection, telling a v5 client why with DISCONNECT [MQTT-4.13.1-1] and, where given, a Reason
    /// String (v3 just closes).</summary>
    private void CloseWith(MqttReasonCode reason, string? why = null)
    {
        lock (_lock)
        {
            if (_closeReason is not null)
            {
                return;
            }
            _closeReason = reason;
        }
        if (_version == MqttProtocolVersion.V500 && _sessionStarted)
        {
            var disconnect = new DisconnectPacket { ReasonCode = reason };
            disconnect.Properties = ReasonStringFor(disconnect, why);
            Send(disconnect);
        }
        _output.Writer.TryComplete();
        _closing.CancelAfter(TimeSpan.FromSeconds(2)); // let the writer flush the DISCONNECT first
        _transport.Input.CancelPendingRead();
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var output = _transport.Output;
        var reader = _output.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var packet))
                {
                    if (packet is PublishPacket publish && !PrepareOutboundPublish(publish))
                    {
                        continue; // too large for the client: discarded
                    }
                    MqttPacketWriter.Write(packet, output, _version == MqttProtocolVersion.Unknown ? MqttProtocolVersion.V311 : _version);
                }
                var flush = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
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

    private sealed record PendingInbound(PublishPacket Packet, Task<MqttReasonCode> Outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT {Remote} ({ClientId}): closing: {Reason} {Message}")]
    private static partial void LogProtocolError(ILogger logger, string remote, string clientId, MqttReasonCode reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT {Remote} ({ClientId}): connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, string remote, string clientId, Exception exception);
}
