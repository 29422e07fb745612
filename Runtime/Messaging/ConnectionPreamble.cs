using System.Buffers;
using System.Buffers.Binary;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>
/// The first bytes each side sends on a runtime connection, before any frame:
/// <code>
///   "ORLN" | u16 protocol version | u32 length | role (byte) | cluster id | sender id | expected receiver id
/// </code>
/// The listener checks magic, version, cluster id, role and that the expected receiver is this very silo
/// incarnation (a dialer that still believes in an older generation of this endpoint is refused), then answers
/// with its own preamble. A mismatch closes the connection.
/// </summary>
public sealed record ConnectionPreamble(ConnectionRole Role, string ClusterId, string SenderId, string ExpectedReceiverId)
{
    public const ushort ProtocolVersion = 1;
    private const int MaxLength = 4096;
    private static ReadOnlySpan<byte> Magic => "ORLN"u8;

    public void Write(IBufferWriter<byte> output)
    {
        var body = new ArrayBufferWriter<byte>(128);
        var writer = new WireWriter(body);
        writer.WriteByte((byte)Role);
        writer.WriteString(ClusterId);
        writer.WriteString(SenderId);
        writer.WriteString(ExpectedReceiverId);
        var span = output.GetSpan(10);
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], ProtocolVersion);
        BinaryPrimitives.WriteUInt32BigEndian(span[6..], (uint)body.WrittenCount);
        output.Advance(10);
        output.Write(body.WrittenSpan);
    }

    /// <summary>False = need more bytes; throws <see cref="WireFormatException"/> on anything that is not our preamble.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ConnectionPreamble? preamble)
    {
        preamble = null;
        if (buffer.Length < 10)
        {
            // Reject early garbage without waiting for ten bytes when what we have already mismatches.
            Span<byte> partial = stackalloc byte[(int)Math.Min(buffer.Length, 4)];
            buffer.Slice(0, partial.Length).CopyTo(partial);
            if (!Magic[..partial.Length].SequenceEqual(partial))
            {
                throw new WireFormatException("The connection did not open with the runtime preamble.");
            }
            return false;
        }
        Span<byte> head = stackalloc byte[10];
        buffer.Slice(0, 10).CopyTo(head);
        if (!head[..4].SequenceEqual(Magic))
        {
            throw new WireFormatException("The connection did not open with the runtime preamble.");
        }
        var version = BinaryPrimitives.ReadUInt16BigEndian(head[4..]);
        if (version != ProtocolVersion)
        {
            throw new WireFormatException($"Runtime protocol version {version} is not supported (this process speaks {ProtocolVersion}).");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(head[6..]);
        if (length > MaxLength)
        {
            throw new WireFormatException($"Preamble length {length} exceeds {MaxLength}.");
        }
        if (buffer.Length < 10 + length)
        {
            return false;
        }
        var reader = new WireReader(buffer.Slice(10, length));
        var role = (ConnectionRole)reader.ReadByte();
        if (role is not (ConnectionRole.Silo or ConnectionRole.Client))
        {
            throw new WireFormatException($"Unknown connection role {(byte)role}.");
        }
        preamble = new ConnectionPreamble(role, reader.ReadString(), reader.ReadString(), reader.ReadString());
        buffer = buffer.Slice(10 + length);
        return true;
    }
}
