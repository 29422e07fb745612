using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Gateway.Amqp.Framing;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp.Session;

/// <summary>A frame-level AMQP client over TCP for protocol tests: it writes whatever frames a test wants (also wrong
/// ones) with the broker's own codec and reads the broker's answers one frame at a time.</summary>
internal sealed class RawAmqpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly AmqpFrameReader _reader = new();

    private RawAmqpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _input = PipeReader.Create(_stream);
    }

    public static async Task<RawAmqpClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint);
        return new RawAmqpClient(tcp);
    }

    /// <summary>Header exchange (AMQP, no SASL) and open with <paramref name="open"/>; returns the broker's open.</summary>
    public async Task<Open> OpenAsync(Open? open = null)
    {
        await SendRawAsync(Header(ProtocolHeader.Amqp));
        (await ReadHeaderAsync()).Should().Be(ProtocolHeader.Amqp);
        await SendAsync(0, open ?? new Open { ContainerId = "raw-client" });
        return (await ReadAsync()).Should().BeOfType<Open>().Subject;
    }

    public async Task BeginAsync(ushort channel = 0)
    {
        await SendAsync(channel, new Begin { NextOutgoingId = 0, IncomingWindow = 1000, OutgoingWindow = 1000 });
        (await ReadAsync()).Should().BeOfType<Begin>();
    }

    public Task SendAsync(ushort channel, Performative performative, byte[]? payload = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AmqpFrameWriter.WriteFrame(buffer, channel, performative, payload ?? []);
        return SendRawAsync(buffer.WrittenSpan.ToArray());
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public static byte[] Header(ProtocolHeader header)
    {
        var bytes = new byte[ProtocolHeader.Length];
        header.Write(bytes);
        return bytes;
    }

    public async Task<ProtocolHeader> ReadHeaderAsync()
    {
        while (true)
        {
            var result = await _input.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            var buffer = result.Buffer;
            if (ProtocolHeader.TryRead(ref buffer, out var header))
            {
                _input.AdvanceTo(buffer.Start);
                return header;
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("closed before a protocol header");
            }
        }
    }

    /// <summary>The payload of the last frame read (a transfer's part of a message).</summary>
    public byte[] LastPayload { get; private set; } = [];

    /// <summary>The next frame's performative (null for an empty frame), or throws when the broker closed the socket.</summary>
    public async Task<Performative?> ReadAsync(bool skipHeartbeats = true, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await _input.ReadAsync(cancel.Token);
            var buffer = result.Buffer;
            var found = false;
            Performative? performative = null;
            try
            {
                while (_reader.TryRead(ref buffer, uint.MaxValue, out var frame))
                {
                    if (frame.IsEmpty && skipHeartbeats)
                    {
                        continue;
                    }
                    found = true;
                    performative = frame.Performative;
                    LastPayload = frame.Payload.ToArray();
                    if (performative is Transfer transfer)
                    {
                        // The reader reuses its transfer object: hand out a copy of what tests look at.
                        performative = new Transfer { Handle = transfer.Handle, DeliveryId = transfer.DeliveryId, More = transfer.More, Settled = transfer.Settled };
                    }
                    break;
                }
            }
            finally
            {
                if (found)
                {
                    _input.AdvanceTo(buffer.Start);
                }
                else
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
            if (found)
            {
                return performative;
            }
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("the broker closed the connection");
            }
        }
    }

    /// <summary>Reads frames until one of type <typeparamref name="T"/> (skipping flows, dispositions and others).</summary>
    public async Task<T> ReadUntilAsync<T>()
        where T : Performative
    {
        while (true)
        {
            if (await ReadAsync() is T found)
            {
                return found;
            }
        }
    }

    /// <summary>True once the broker has closed the socket (reads return end of stream) within the timeout.</summary>
    public Task<bool> ClosedByBrokerAsync(TimeSpan timeout) => _input.ClosedByPeerAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync();
        _tcp.Dispose();
    }
}
