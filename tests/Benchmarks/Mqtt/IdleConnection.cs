using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// The cheapest MQTT connection that counts as a client for the broker: TCP (TCP_NODELAY), CONNECT, CONNACK, then
/// nothing. Ten thousand of them cost the load program only their sockets; the broker pays its full per-client price.
/// </summary>
public sealed class IdleConnection : IDisposable
{
    private readonly Socket _socket;

    private IdleConnection(Socket socket) => _socket = socket;

    public static async Task<IdleConnection> ConnectAsync(IPEndPoint broker, ConnectSettings settings, CancellationToken cancellationToken)
    {
        var socket = new Socket(broker.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(broker, cancellationToken).ConfigureAwait(false);
            var connect = new ArrayBufferWriter<byte>(64);
            MqttPacketWriter.Write(new ConnectPacket
            {
                ProtocolVersion = settings.Version,
                ClientId = settings.ClientId,
                CleanStart = settings.CleanSession,
                KeepAlive = settings.KeepAliveSeconds,
            }, connect, settings.Version);
            await socket.SendAsync(connect.WrittenMemory, SocketFlags.None, cancellationToken).ConfigureAwait(false);

            // CONNACK: 4 bytes in 3.1.1, a few more with 5.0 properties. Read until the whole packet is in.
            var buffer = new byte[256];
            var length = 0;
            var reader = new MqttPacketReader(settings.Version);
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"{settings.ClientId}: the broker closed the connection before CONNACK");
                }
                length += read;
                var sequence = new ReadOnlySequence<byte>(buffer, 0, length);
                if (reader.TryRead(ref sequence, out var packet))
                {
                    if (packet is not ConnAckPacket { ReasonCode: MqttReasonCode.Success })
                    {
                        throw new IOException($"{settings.ClientId}: expected a successful CONNACK, got {packet.Type}");
                    }
                    return new IdleConnection(socket);
                }
                if (length == buffer.Length)
                {
                    throw new IOException($"{settings.ClientId}: CONNACK larger than {buffer.Length} bytes");
                }
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Closes the TCP connection without DISCONNECT.</summary>
    public void Dispose() => _socket.Dispose();
}
