using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Session;

/// <summary>A packet-level MQTT 5.0 client over TCP for protocol tests: it writes whatever packets a test wants with the
/// broker's own codec and reads the broker's answers one packet at a time, exactly as sent (aliases unresolved).</summary>
internal sealed class RawMqttClient : IAsyncDisposable
{
    private static readonly TimeSpan _readTimeout = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly MqttPacketReader _reader = new(MqttProtocolVersion.V500);

    private RawMqttClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _input = PipeReader.Create(_stream);
    }

    public static async Task<RawMqttClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(endPoint);
        return new RawMqttClient(tcp);
    }

    /// <summary>CONNECT (v5) with <paramref name="properties"/>; returns the CONNACK.</summary>
    public async Task<ConnAckPacket> ConnectMqttAsync(string clientId, MqttProperties? properties = null, bool cleanStart = true)
    {
        await SendAsync(new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V500, ClientId = clientId, CleanStart = cleanStart, KeepAlive = 60, Properties = properties,
        });
        return (await ReadAsync()).Should().BeOfType<ConnAckPacket>().Subject;
    }

    public async Task SubscribeAsync(string filter, MqttQualityOfService qos)
    {
        var subscribe = new SubscribePacket { PacketIdentifier = 1 };
        subscribe.Subscriptions.Add(new MqttSubscription(filter, new MqttSubscriptionOptions { QualityOfService = qos }));
        await SendAsync(subscribe);
        (await ReadAsync()).Should().BeOfType<SubAckPacket>();
    }

    public async Task SendAsync(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketWriter.Write(packet, buffer, packet is ConnectPacket ? MqttProtocolVersion.Unknown : MqttProtocolVersion.V500);
        await SendRawAsync(buffer.WrittenMemory);
    }

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next packet; throws when the broker closed the connection or nothing came in time.</summary>
    public async Task<MqttPacket> ReadAsync() =>
        await TryReadAsync() ?? throw new InvalidOperationException("the broker closed the connection");

    /// <summary>The next packet, or null when the broker closed the connection.</summary>
    public async Task<MqttPacket?> TryReadAsync()
    {
        using var timeout = new CancellationTokenSource(_readTimeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _input.ReadAsync(timeout.Token);
            }
            catch (IOException)
            {
                return null;
            }
            var buffer = result.Buffer;
            if (_reader.TryRead(ref buffer, out var packet))
            {
                _input.AdvanceTo(buffer.Start);
                return packet;
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Reads the next <paramref name="count"/> PUBLISHes, acknowledging QoS 1 ones.</summary>
    public async Task<List<PublishPacket>> ReadPublishesAsync(int count)
    {
        var publishes = new List<PublishPacket>();
        while (publishes.Count < count)
        {
            if (await ReadAsync() is PublishPacket publish)
            {
                publishes.Add(publish);
                if (publish.QualityOfService == MqttQualityOfService.AtLeastOnce)
                {
                    await SendAsync(new PubAckPacket { PacketIdentifier = publish.PacketIdentifier, ReasonCode = MqttReasonCode.Success });
                }
            }
        }
        return publishes;
    }

    /// <summary>True once the broker closed the connection (reading and discarding what it still sends).</summary>
    public Task<bool> ClosedByBrokerAsync(TimeSpan timeout) => _input.ClosedByPeerAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync();
        _stream.Dispose();
        _tcp.Dispose();
    }
}
