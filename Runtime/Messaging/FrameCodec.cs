using System.Buffers;
using System.Buffers.Binary;
using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>
/// Encodes and decodes runtime frames. Layout (big-endian):
/// <code>
///  0      4      5        6       8               16              24        28
///  +------+------+--------+-------+---------------+---------------+---------+----------------------+
///  |length| kind | status | flags | correlationId |  viewVersion  |  ttlMs  | kind-specific body   |
///  +------+------+--------+-------+---------------+---------------+---------+----------------------+
///   length counts the bytes after itself. Body:
///   Request/OneWay:  grain kind (string), grain key (string), message (varint type id + fields)
///   ObserverNotify:  client id (string), observer key (varint), message
///   Response Ok:     message;  Response error: error type (string), error message (string)
///   Ping/Pong:       empty
/// </code>
/// <see cref="TryRead"/> returns false when more bytes are needed and throws <see cref="WireFormatException"/> on a
/// malformed frame, checking the length against the maximum before buffering the body.
/// </summary>
public static class FrameCodec
{
    public const int HeaderLength = 24;

    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameLength, out Frame? frame)
    {
        frame = null;
        if (buffer.Length < 4)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length < HeaderLength || length > (uint)maxFrameLength)
        {
            throw new WireFormatException($"Frame length {length} is outside [{HeaderLength}, {maxFrameLength}].");
        }
        if (buffer.Length < 4 + length)
        {
            return false;
        }
        var body = buffer.Slice(4, length);
        frame = Decode(body);
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private static Frame Decode(ReadOnlySequence<byte> body)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        body.Slice(0, HeaderLength).CopyTo(header);
        var kind = (FrameKind)header[0];
        var status = (CallStatus)header[1];
        var flags = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var correlationId = BinaryPrimitives.ReadUInt64BigEndian(header[4..]);
        var viewVersion = BinaryPrimitives.ReadInt64BigEndian(header[12..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(header[20..]);
        var reader = new WireReader(body.Slice(HeaderLength));
        Frame frame;
        switch (kind)
        {
            case FrameKind.Request:
            case FrameKind.OneWay:
                var grainKind = reader.ReadString();
                var grainKey = reader.ReadString();
                if (grainKind.Length == 0 || grainKind.Contains('/', StringComparison.Ordinal))
                {
                    throw new WireFormatException($"'{grainKind}' is not a grain kind.");
                }
                frame = new Frame
                {
                    Kind = kind, Flags = flags, CorrelationId = correlationId, ViewVersion = viewVersion, TtlMilliseconds = ttl,
                    Target = new GrainId(grainKind, grainKey), Body = reader.ReadMessage(),
                };
                break;
            case FrameKind.ObserverNotify:
                var clientId = reader.ReadString();
                var key = reader.ReadVarInt64();
                frame = new Frame
                {
                    Kind = kind, Flags = flags, CorrelationId = correlationId, ViewVersion = viewVersion,
                    Observer = new ObserverId(clientId, key), Body = reader.ReadMessage(),
                };
                break;
            case FrameKind.Response:
                frame = status == CallStatus.Ok
                    ? new Frame { Kind = kind, Status = status, CorrelationId = correlationId, ViewVersion = viewVersion, Body = reader.ReadMessage() }
                    : new Frame
                    {
                        Kind = kind, Status = status, CorrelationId = correlationId, ViewVersion = viewVersion,
                        ErrorType = reader.ReadString(), ErrorMessage = reader.ReadString(),
                    };
                break;
            case FrameKind.Ping:
            case FrameKind.Pong:
                frame = new Frame { Kind = kind, CorrelationId = correlationId, ViewVersion = viewVersion };
                break;
            default:
                throw new WireFormatException($"Unknown frame kind {(byte)kind}.");
        }
        if (reader.Remaining != 0)
        {
            throw new WireFormatException($"A {kind} frame has {reader.Remaining} trailing bytes.");
        }
        return frame;
    }

    /// <summary>Writes <paramref name="frame"/> (length prefix included) to <paramref name="output"/>, using
    /// <paramref name="scratch"/> to measure the body. Throws when the frame exceeds <paramref name="maxFrameLength"/>.</summary>
    public static void Write(Frame frame, ArrayBufferWriter<byte> scratch, IBufferWriter<byte> output, int maxFrameLength)
    {
        scratch.ResetWrittenCount();
        var header = scratch.GetSpan(HeaderLength);
        header[0] = (byte)frame.Kind;
        header[1] = (byte)frame.Status;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], frame.Flags);
        BinaryPrimitives.WriteUInt64BigEndian(header[4..], frame.CorrelationId);
        BinaryPrimitives.WriteInt64BigEndian(header[12..], frame.ViewVersion);
        BinaryPrimitives.WriteUInt32BigEndian(header[20..], frame.TtlMilliseconds);
        scratch.Advance(HeaderLength);
        var writer = new WireWriter(scratch);
        switch (frame.Kind)
        {
            case FrameKind.Request:
            case FrameKind.OneWay:
                writer.WriteString(frame.Target.Kind);
                writer.WriteString(frame.Target.Key);
                writer.WriteMessage(frame.Body!);
                break;
            case FrameKind.ObserverNotify:
                writer.WriteString(frame.Observer.ClientId);
                writer.WriteVarInt64(frame.Observer.Key);
                writer.WriteMessage(frame.Body!);
                break;
            case FrameKind.Response when frame.Status == CallStatus.Ok:
                writer.WriteMessage(frame.Body!);
                break;
            case FrameKind.Response:
                writer.WriteString(frame.ErrorType ?? "Error");
                writer.WriteString(frame.ErrorMessage ?? string.Empty);
                break;
        }
        if (scratch.WrittenCount > maxFrameLength)
        {
            throw new InvalidOperationException(
                $"A {frame.Kind} frame of {scratch.WrittenCount} bytes exceeds the maximum frame length {maxFrameLength}.");
        }
        var span = output.GetSpan(4);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)scratch.WrittenCount);
        output.Advance(4);
        output.Write(scratch.WrittenSpan);
    }
}
