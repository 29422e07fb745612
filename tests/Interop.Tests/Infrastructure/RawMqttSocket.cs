using System.Net.Sockets;
using System.Text;

namespace Interop.Tests.Infrastructure;

/// <summary>
/// A bare TCP connection to the MQTT port for what no real client does on purpose: garbage bytes, a second CONNECT.
/// Packets are written by hand from the specification; every read is bounded.
/// </summary>
public sealed class RawMqttSocket : IDisposable
{
    private static readonly TimeSpan _readTimeout = TimeSpan.FromSeconds(15);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawMqttSocket(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawMqttSocket> ConnectAsync(string host, int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port);
        return new RawMqttSocket(client);
    }

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>A CONNECT with clean session / clean start, keep alive 60 s, no properties (v5: property length 0).</summary>
    public static byte[] Connect(int protocolLevel, string clientId)
    {
        var body = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', (byte)protocolLevel, 0x02, 0x00, 0x3C };
        if (protocolLevel == 5)
        {
            body.Add(0x00);
        }
        var id = Encoding.UTF8.GetBytes(clientId);
        body.Add((byte)(id.Length >> 8));
        body.Add((byte)id.Length);
        body.AddRange(id);
        return [0x10, .. RemainingLength(body.Count), .. body];
    }

    /// <summary>Reads one packet: (first byte, body); null when the broker closed the connection first.</summary>
    public async Task<(byte Header, byte[] Body)?> ReadPacketAsync()
    {
        using var cts = new CancellationTokenSource(_readTimeout);
        var header = await ReadByteAsync(cts.Token);
        if (header < 0)
        {
            return null;
        }
        var length = 0;
        var multiplier = 1;
        while (true)
        {
            var b = await ReadByteAsync(cts.Token);
            if (b < 0)
            {
                return null;
            }
            length += (b & 0x7F) * multiplier;
            multiplier *= 128;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await _stream.ReadAsync(body.AsMemory(read), cts.Token);
            if (n == 0)
            {
                return null;
            }
            read += n;
        }
        return ((byte)header, body);
    }

    /// <summary>True once the broker has closed the connection (end of stream or reset), reading and discarding
    /// anything it still sends; false if it is still open after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                if (await _stream.ReadAsync(buffer, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset by the broker
        }
    }

    private async Task<int> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        try
        {
            return await _stream.ReadAsync(one, cancellationToken) == 0 ? -1 : one[0];
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static byte[] RemainingLength(int length)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            bytes.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        return [.. bytes];
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
