using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// The AMQP parts of a message that <c>BrokerMessage</c> has no field for, kept byte for byte in its
/// <c>ProtocolSections</c> so an AMQP receiver gets the sections the sender wrote:
/// <code>
/// +------+---------+-------------+----------------------+---------------------------+--------------------+-------------+
/// | 0xA1 | version | body kind   | body format code     | u32 length + bare sections| u32 length + footer| ...         |
/// |      | (1)     | (AmqpBodyKind) | (string: a1 or b1) | (annotations, properties, application-properties)           |
/// +------+---------+-------------+----------------------+---------------------------+--------------------+-------------+
/// </code>
/// The body is in <c>Payload</c> (see <see cref="AmqpBodyKind"/>); delivery-annotations are for one hop only and are
/// not kept; the header is rebuilt on delivery (delivery-count and ttl change).
/// </summary>
public readonly struct AmqpStoredSections
{
    private const byte Magic = 0xA1;
    private const byte Version = 1;
    private const int FixedLength = 4;

    private AmqpStoredSections(AmqpBodyKind bodyKind, byte bodyFormatCode, ReadOnlyMemory<byte> beforeBody, ReadOnlyMemory<byte> footer)
    {
        BodyKind = bodyKind;
        BodyFormatCode = bodyFormatCode;
        BeforeBody = beforeBody;
        Footer = footer;
    }

    public AmqpBodyKind BodyKind { get; }

    /// <summary>The format code of an amqp-value string or binary body (str8/str32, vbin8/vbin32).</summary>
    public byte BodyFormatCode { get; }

    /// <summary>message-annotations, properties and application-properties sections as received.</summary>
    public ReadOnlyMemory<byte> BeforeBody { get; }

    /// <summary>The footer section as received (or empty).</summary>
    public ReadOnlyMemory<byte> Footer { get; }

    /// <summary>Encodes the stored form.</summary>
    public static byte[] Encode(AmqpBodyKind bodyKind, byte bodyFormatCode, in ReadOnlySequence<byte> beforeBody, in ReadOnlySequence<byte> footer)
    {
        var bytes = new byte[FixedLength + 4 + beforeBody.Length + 4 + footer.Length];
        bytes[0] = Magic;
        bytes[1] = Version;
        bytes[2] = (byte)bodyKind;
        bytes[3] = bodyFormatCode;
        var span = bytes.AsSpan(FixedLength);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)beforeBody.Length);
        beforeBody.CopyTo(span[4..]);
        span = span[(4 + (int)beforeBody.Length)..];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)footer.Length);
        footer.CopyTo(span[4..]);
        return bytes;
    }

    /// <summary>Reads the stored form; false when the sections did not come from an AMQP sender (another protocol, or none).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> stored, out AmqpStoredSections sections)
    {
        sections = default;
        var span = stored.Span;
        if (span.Length < FixedLength + 8 || span[0] != Magic || span[1] != Version)
        {
            return false;
        }
        var beforeLength = BinaryPrimitives.ReadUInt32BigEndian(span[FixedLength..]);
        var footerAt = FixedLength + 4 + (long)beforeLength;
        if (footerAt + 4 > span.Length)
        {
            return false;
        }
        var footerLength = BinaryPrimitives.ReadUInt32BigEndian(span[(int)footerAt..]);
        if (footerAt + 4 + footerLength > span.Length)
        {
            return false;
        }
        sections = new AmqpStoredSections((AmqpBodyKind)span[2], span[3], stored.Slice(FixedLength + 4, (int)beforeLength),
            stored.Slice((int)footerAt + 4, (int)footerLength));
        return true;
    }
}
