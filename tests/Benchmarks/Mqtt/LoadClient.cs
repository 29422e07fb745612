using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// A small asynchronous MQTT client for load: TCP with TCP_NODELAY, the project's codec for every packet, QoS 0/1
/// publishing with a bounded in-flight window, subscribing, persistent sessions (clean session off). Incoming PUBLISHes
/// go to a callback on the receive loop and are acknowledged right after it returns (QoS 1 PUBACK; QoS 2 PUBREC and
/// PUBCOMP, for completeness). No reconnect, no keep-alive pings: a workload decides what a lost connection means.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ConnectSettings _settings;
    private readonly MqttPacketReader _reader;
    private readonly PacketSender _sender;
    private readonly Action<PublishPacket>? _onPublish;
    private readonly Action<long>? _onAcknowledged;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<ConnAckPacket> _connAck = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PublishPacket _publish = new();
    private readonly PubAckPacket _pubAck = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource<SubAckPacket>? _subAck;
    private InFlightWindow _window = new(1);
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;
    private ushort _nextControlId;
    private int _disposed;

    private LoadClient(Socket socket, ConnectSettings settings, Action<PublishPacket>? onPublish, Action<long>? onAcknowledged)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _settings = settings;
        _reader = new MqttPacketReader(settings.Version);
        _sender = new PacketSender(_stream, settings.Version);
        _onPublish = onPublish;
        _onAcknowledged = onAcknowledged;
    }

    public string ClientId => _settings.ClientId;

    /// <summary>The CONNACK's Session Present flag.</summary>
    public bool SessionPresent { get; private set; }

    /// <summary>Completes when the connection has ended (either side).</summary>
    public Task Closed => _closed.Task;

    /// <summary>What ended the connection, if it was not this client: an I/O error, a protocol error, a DISCONNECT.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>QoS 1/2 PUBLISHes sent and not yet acknowledged.</summary>
    public int InFlight => _window.InFlight;

    /// <summary>
    /// Connects, sends CONNECT and waits for CONNACK (an exception unless it is Success).
    /// <paramref name="onPublish"/> receives every PUBLISH on the receive loop (keep it short);
    /// <paramref name="onAcknowledged"/> receives the tag of every PUBLISH this client sent that the broker acknowledged.
    /// <paramref name="window"/> bounds the QoS 1 PUBLISHes in flight (lowered to the broker's Receive Maximum in 5.0).
    /// </summary>
    public static async Task<LoadClient> ConnectAsync(IPEndPoint broker, ConnectSettings settings, int window,
        Action<PublishPacket>? onPublish, Action<long>? onAcknowledged, CancellationToken cancellationToken)
    {
        var socket = new Socket(broker.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(broker, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var client = new LoadClient(socket, settings, onPublish, onAcknowledged);
        try
        {
            client.Start();
            var v5 = settings.Version == MqttProtocolVersion.V500;
            client._sender.Send(new ConnectPacket
            {
                ProtocolVersion = settings.Version,
                ClientId = settings.ClientId,
                CleanStart = settings.CleanSession,
                KeepAlive = settings.KeepAliveSeconds,
                Properties = v5 ? new MqttProperties
                {
                    SessionExpiryInterval = settings.CleanSession ? null : uint.MaxValue,
                    ReceiveMaximum = settings.ReceiveMaximum ?? (ushort)Math.Min(window, ushort.MaxValue),
                } : null,
            });
            var connAck = await client._connAck.Task.WaitAsync(HandshakeTimeout, cancellationToken).ConfigureAwait(false);
            if (connAck.ReasonCode != MqttReasonCode.Success)
            {
                throw new InvalidOperationException($"{settings.ClientId}: CONNACK {connAck.ReasonCode}");
            }
            client.SessionPresent = connAck.SessionPresent;
            var brokerMaximum = connAck.Properties?.ReceiveMaximum ?? ushort.MaxValue;
            client._window = new InFlightWindow(Math.Min(Math.Min(window, brokerMaximum), InFlightWindow.MaxPacketId));
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Subscribes and waits for the SUBACK; throws when the broker refused the filter.</summary>
    public async Task SubscribeAsync(string filter, MqttQualityOfService qos, CancellationToken cancellationToken)
    {
        var subscribe = new SubscribePacket { PacketIdentifier = NextControlId() };
        subscribe.Subscriptions.Add(new MqttSubscription(filter, new MqttSubscriptionOptions(qos)));
        var ack = new TaskCompletionSource<SubAckPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _subAck = ack;
        }
        _sender.Send(subscribe);
        var subAck = await ack.Task.WaitAsync(HandshakeTimeout, cancellationToken).ConfigureAwait(false);
        if (subAck.ReasonCodes.Count != 1 || subAck.ReasonCodes[0] >= MqttReasonCode.UnspecifiedError)
        {
            throw new InvalidOperationException($"{ClientId}: SUBACK for '{filter}' refused ({string.Join(",", subAck.ReasonCodes)})");
        }
    }

    /// <summary>
    /// Sends one PUBLISH; at QoS 1 first waits for room in the in-flight window. A <see cref="BenchPayload"/> gets its
    /// send time stamped just before it is encoded; <paramref name="payload"/> is copied before this returns. Returns
    /// false when the connection is gone. Not for concurrent use by several publishers.
    /// </summary>
    public async ValueTask<bool> PublishAsync(string topic, byte[] payload, MqttQualityOfService qos, long tag)
    {
        if (_closed.Task.IsCompleted)
        {
            return false;
        }
        ushort packetId = 0;
        if (qos != MqttQualityOfService.AtMostOnce)
        {
            try
            {
                packetId = await _window.AcquireAsync(tag, _closing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        BenchPayload.StampSent(payload, Stopwatch.GetTimestamp());
        _publish.TopicName = topic;
        _publish.Payload = payload;
        _publish.QualityOfService = qos;
        _publish.PacketIdentifier = packetId;
        _sender.Send(_publish);
        await _sender.WaitForRoomAsync().ConfigureAwait(false);
        return !_closed.Task.IsCompleted;
    }

    /// <summary>Waits until every QoS 1 PUBLISH sent has been acknowledged; false on timeout or a lost connection.</summary>
    public async Task<bool> WaitForAcknowledgementsAsync(TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (_window.InFlight > 0)
        {
            if (_closed.Task.IsCompleted || elapsed.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(2).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Sends DISCONNECT (a normal end: no will, session kept if persistent) and closes.</summary>
    public async Task DisconnectAsync()
    {
        if (!_closed.Task.IsCompleted)
        {
            _sender.Send(new DisconnectPacket { ReasonCode = MqttReasonCode.NormalDisconnection });
            await _sender.FlushAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the TCP connection without DISCONNECT, as a device losing its network does.</summary>
    public ValueTask AbortAsync() => DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _closed.Task.ConfigureAwait(false);
            return;
        }
        await _closing.CancelAsync().ConfigureAwait(false);
        _sender.Close();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_receiving, _sending).ConfigureAwait(false);
        _closing.Dispose();
    }

    private void Start()
    {
        _sending = _sender.RunAsync(_closing.Token);
        _receiving = ReceiveLoopAsync();
    }

    private ushort NextControlId()
    {
        lock (_lock)
        {
            // SUBSCRIBE takes ids above the in-flight window's range, so it never reuses one of a PUBLISH in flight.
            _nextControlId = _nextControlId is <= InFlightWindow.MaxPacketId or ushort.MaxValue
                ? (ushort)(InFlightWindow.MaxPacketId + 1)
                : (ushort)(_nextControlId + 1);
            return _nextControlId;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                }
                var read = await _stream.ReadAsync(buffer.AsMemory(end), _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    CloseReason ??= "the broker closed the connection";
                    return;
                }
                end += read;
                var sequence = new ReadOnlySequence<byte>(buffer, start, end - start);
                while (_reader.TryRead(ref sequence, out var packet))
                {
                    Handle(packet);
                }
                start = end - (int)sequence.Length;
                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            CloseReason ??= _closing.IsCancellationRequested ? null : ex.Message;
        }
        catch (MqttProtocolException ex)
        {
            CloseReason ??= $"protocol error from the broker: {ex.Message}";
        }
        finally
        {
            _sender.Close();
            _connAck.TrySetException(new IOException($"{ClientId}: connection closed before CONNACK ({CloseReason ?? "closed"})"));
            lock (_lock)
            {
                _subAck?.TrySetException(new IOException($"{ClientId}: connection closed before SUBACK"));
            }
            _closed.TrySetResult();
            if (!_closing.IsCancellationRequested)
            {
                await _closing.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private void Handle(MqttPacket packet)
    {
        switch (packet)
        {
            case PublishPacket publish:
                _onPublish?.Invoke(publish);
                if (publish.QualityOfService == MqttQualityOfService.AtLeastOnce)
                {
                    // The receive loop is the only user of _pubAck, and Send encodes it before returning.
                    _pubAck.PacketIdentifier = publish.PacketIdentifier;
                    _sender.Send(_pubAck);
                }
                else if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
                {
                    _sender.Send(new PubRecPacket { PacketIdentifier = publish.PacketIdentifier });
                }
                break;
            case PubAckPacket pubAck:
                if (_window.TryComplete(pubAck.PacketIdentifier, out var tag) && pubAck.ReasonCode < MqttReasonCode.UnspecifiedError)
                {
                    _onAcknowledged?.Invoke(tag);
                }
                break;
            case PubRelPacket pubRel:
                _sender.Send(new PubCompPacket { PacketIdentifier = pubRel.PacketIdentifier });
                break;
            case ConnAckPacket connAck:
                _connAck.TrySetResult(connAck);
                break;
            case SubAckPacket subAck:
                TaskCompletionSource<SubAckPacket>? waiting;
                lock (_lock)
                {
                    waiting = _subAck;
                    _subAck = null;
                }
                waiting?.TrySetResult(subAck);
                break;
            case DisconnectPacket disconnect:
                CloseReason ??= $"DISCONNECT {disconnect.ReasonCode} from the broker";
                break;
        }
    }
}
