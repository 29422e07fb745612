using System.Net.Security;
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
    private readonly Stream _stream;

    private RawMqttSocket(TcpClient client, Stream stream)
    {
        _client = client;
        _stream = stream;
    }

    public static async Task<RawMqttSocket> ConnectAsync(string host, int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port);
        return new RawMqttSocket(client, client.GetStream());
    }

    /// <summary>The same over TLS: the broker's certificate must chain to the self-signed <paramref name="caPath"/>.</summary>
    public static async Task<RawMqttSocket> ConnectTlsAsync(string host, int port, string caPath)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port);
        var pem = File.ReadAllText(caPath);
        var fields = System.Security.Cryptography.PemEncoding.Find(pem);
        var expected = Convert.FromBase64String(pem[fields.Base64Data]); // the self-signed server certificate itself
        var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false,
            (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected));
        await tls.AuthenticateAsClientAsync("localhost");
        return new RawMqttSocket(client, tls);
    }

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>A CONNECT with clean session / clean start, keep alive 60 s, no properties (v5: property length 0).</summary>
    public static byte[] Connect(int protocolLevel, string clientId) => Connect(protocolLevel, clientId, []);

    /// <summary>A CONNECT as above; v5 with <paramref name="properties"/> (encoded properties, e.g. from <c>Property</c>).</summary>
    public static byte[] Connect(int protocolLevel, string clientId, byte[] properties)
    {
        var body = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', (byte)protocolLevel, 0x02, 0x00, 0x3C };
        if (protocolLevel == 5)
        {
            body.AddRange(RemainingLength(properties.Length));
            body.AddRange(properties);
        }
        var id = Encoding.UTF8.GetBytes(clientId);
        body.Add((byte)(id.Length >> 8));
        body.Add((byte)id.Length);
        body.AddRange(id);
        return [0x10, .. RemainingLength(body.Count), .. body];
    }

    /// <summary>A v5 SUBSCRIBE (packet id 1, no properties) of <paramref name="filter"/> at <paramref name="qos"/>.</summary>
    public static byte[] Subscribe(string filter, int qos)
    {
        List<byte> body = [0x00, 0x01, 0x00, .. Utf8(filter), (byte)qos];
        return [0x82, .. RemainingLength(body.Count), .. body];
    }

    /// <summary>A v5 AUTH with a reason code and an Authentication Method property.</summary>
    public static byte[] Auth(byte reasonCode, string method)
    {
        var properties = Property(0x15, method);
        List<byte> body = [reasonCode, .. RemainingLength(properties.Length), .. properties];
        return [0xF0, .. RemainingLength(body.Count), .. body];
    }

    /// <summary>A Two Byte Integer property (e.g. 0x22 Topic Alias Maximum, 0x21 Receive Maximum).</summary>
    public static byte[] Property(byte id, ushort value) => [id, (byte)(value >> 8), (byte)value];

    /// <summary>A UTF-8 String property (e.g. 0x15 Authentication Method).</summary>
    public static byte[] Property(byte id, string value) => [id, .. Utf8(value)];

    /// <summary>The properties of a v5 CONNACK, DISCONNECT (after the reason code) or PUBLISH, as (identifier, value)
    /// for the identifiers these tests read: 0x1F Reason String, 0x23 Topic Alias, 0x15 Authentication Method.</summary>
    public static Dictionary<byte, object> ReadProperties(byte[] body, int offset)
    {
        var result = new Dictionary<byte, object>();
        var (length, size) = ReadVariableByteInteger(body, offset);
        var at = offset + size;
        var end = at + length;
        while (at < end)
        {
            var id = body[at++];
            switch (id)
            {
                case 0x1F or 0x15 or 0x03 or 0x08:
                    var n = (body[at] << 8) | body[at + 1];
                    result[id] = Encoding.UTF8.GetString(body, at + 2, n);
                    at += 2 + n;
                    break;
                case 0x23 or 0x21 or 0x22 or 0x13:
                    result[id] = (ushort)((body[at] << 8) | body[at + 1]);
                    at += 2;
                    break;
                case 0x01 or 0x17 or 0x19 or 0x24 or 0x25 or 0x28 or 0x29 or 0x2A:
                    result[id] = body[at++];
                    break;
                case 0x02 or 0x11 or 0x27:
                    result[id] = (uint)((body[at] << 24) | (body[at + 1] << 16) | (body[at + 2] << 8) | body[at + 3]);
                    at += 4;
                    break;
                case 0x0B:
                    var (value, valueSize) = ReadVariableByteInteger(body, at);
                    result[id] = value;
                    at += valueSize;
                    break;
                default:
                    throw new InvalidOperationException($"property 0x{id:X2} is not read by this test helper");
            }
        }
        return result;
    }

    /// <summary>A v5 PUBLISH body: (topic, packet id (0 at QoS 0), properties, payload).</summary>
    public static (string Topic, int PacketId, Dictionary<byte, object> Properties, byte[] Payload) ParsePublish(byte header, byte[] body)
    {
        var n = (body[0] << 8) | body[1];
        var topic = Encoding.UTF8.GetString(body, 2, n);
        var at = 2 + n;
        var packetId = 0;
        if ((header & 0x06) != 0)
        {
            packetId = (body[at] << 8) | body[at + 1];
            at += 2;
        }
        var properties = ReadProperties(body, at);
        var (length, size) = ReadVariableByteInteger(body, at);
        return (topic, packetId, properties, body[(at + size + length)..]);
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

    private static byte[] Utf8(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private static (int Value, int Size) ReadVariableByteInteger(byte[] body, int offset)
    {
        var value = 0;
        var multiplier = 1;
        var size = 0;
        byte b;
        do
        {
            b = body[offset + size++];
            value += (b & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((b & 0x80) != 0);
        return (value, size);
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
