using System.Buffers;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// Splits a byte stream into AMQP and SASL frames (Part 2 §2.3) and decodes each frame's performative. One instance per
/// connection, owned by its read loop (not thread-safe).
/// </summary>
/// <remarks>
/// <para>Contract of <see cref="TryRead"/> (the codec contract of STYLE.md): true = one frame decoded and
/// <c>buffer</c> sliced past it; false = more bytes are needed and <c>buffer</c> is unchanged;
/// <see cref="AmqpDecodeException"/> = the stream is not acceptable AMQP and the connection must be closed with its
/// <see cref="AmqpDecodeException.Condition"/>. Nothing else is thrown for any input.</para>
/// <para>The frame size is checked against <c>maxFrameSize</c> as soon as the 4 size bytes are present, before
/// the body is waited for, so an oversize frame is never buffered.</para>
/// <para>The per-message performatives - <see cref="Transfer"/>, <see cref="Flow"/>, <see cref="Disposition"/> - are
/// one instance each per reader, refilled by every read: decoding them allocates nothing, and they are valid only
/// until the next <see cref="TryRead"/>. Copy what must outlive the frame. Other performatives are new objects.</para>
/// </remarks>
public sealed class AmqpFrameReader
{
    /// <summary>MIN-MAX-FRAME-SIZE (Part 2 §2.7.1): frames up to 512 bytes are allowed before open is exchanged.</summary>
    public const uint MinMaxFrameSize = 512;

    private readonly Transfer _transfer = new();
    private readonly Flow _flow = new();
    private readonly Disposition _disposition = new();

    /// <summary>Decodes the next frame of <paramref name="buffer"/>; see the type remarks for the contract.</summary>
    /// <param name="buffer">Received bytes; sliced past the frame on success.</param>
    /// <param name="maxFrameSize">The largest frame accepted: the max-frame-size this endpoint sent in open (or 512 before).</param>
    /// <param name="frame">The frame, when true is returned.</param>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, uint maxFrameSize, out AmqpFrame frame)
    {
        frame = default;
        var available = buffer.Length;
        if (available < 4)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[FrameHeader.Length];
        var headerLength = (int)Math.Min(available, FrameHeader.Length);
        var first = buffer.FirstSpan;
        if (first.Length >= headerLength)
        {
            first[..headerLength].CopyTo(bytes);
        }
        else
        {
            buffer.Slice(0, headerLength).CopyTo(bytes);
        }
        if (!CheckHeader(bytes[..headerLength], maxFrameSize))
        {
            return false;
        }

        var header = FrameHeader.Parse(bytes);
        if (available < header.Size)
        {
            return false;
        }

        var body = buffer.Slice(header.BodyOffset, header.BodyLength);
        Performative? performative = null;
        var payload = ReadOnlySequence<byte>.Empty;
        if (!body.IsEmpty)
        {
            var reader = new AmqpReader(body);
            performative = ReadPerformative(ref reader, header.Type);
            payload = body.Slice(reader.Consumed);
        }
        else if (header.Type == FrameType.Sasl)
        {
            // Empty frames are the AMQP heartbeat (§2.4.5); a SASL frame always carries a SASL performative (Part 5 §5.3.1).
            AmqpThrow.Framing("A SASL frame has no body.");
        }

        frame = new AmqpFrame(header, performative, payload);
        buffer = buffer.Slice(header.Size);
        return true;
    }

    /// <summary>
    /// Validates as much of the header as is present; false when a field is still missing. Each check runs as soon as
    /// its bytes arrive, so a bad size or data offset is refused before the rest of the frame is waited for.
    /// </summary>
    private static bool CheckHeader(ReadOnlySpan<byte> bytes, uint maxFrameSize)
    {
        var size = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        if (size < FrameHeader.Length)
        {
            // AMQP 1.0 §2.3.1: "The frame is malformed if the size is less than the size of the frame header (8 bytes)."
            AmqpThrow.Framing(AmqpThrow.Format("A frame size of {0} is less than the 8-byte frame header (Part 2 §2.3.1).", size));
        }
        if (size > maxFrameSize)
        {
            // AMQP 1.0 §2.7.1 max-frame-size: checked before buffering the body.
            AmqpThrow.Framing(AmqpThrow.Format("A frame of {0} bytes exceeds the max-frame-size of {1}.", size, maxFrameSize));
        }
        if (bytes.Length < 5)
        {
            return false;
        }
        var dataOffset = bytes[4];
        if (dataOffset < 2)
        {
            // AMQP 1.0 §2.3.1: "the frame is malformed if the value is less than 2".
            AmqpThrow.Framing(AmqpThrow.Format("A data offset (DOFF) of {0} is less than 2 (Part 2 §2.3.1).", dataOffset));
        }
        if (dataOffset * 4u > size)
        {
            AmqpThrow.Framing(AmqpThrow.Format("A data offset of {0} words points past the end of a {1}-byte frame.", dataOffset, size));
        }
        if (bytes.Length < 6)
        {
            return false;
        }
        if (bytes[5] > (byte)FrameType.Sasl)
        {
            // §2.3.1 defines type 0x00 (AMQP) and 0x01 (SASL) only.
            AmqpThrow.Framing(AmqpThrow.Format("Frame type 0x{0:x2} is neither AMQP (0x00) nor SASL (0x01).", bytes[5]));
        }
        return bytes.Length == FrameHeader.Length;
    }

    /// <summary>
    /// "The performative MUST be one of those defined in section 2.7 and is encoded as a described type" (§2.3.2);
    /// SASL frames carry the performatives of Part 5 §5.3.3.
    /// </summary>
    private Performative ReadPerformative(ref AmqpReader reader, FrameType type)
    {
        var descriptor = reader.ReadDescriptor();
        var code = descriptor.Code ?? CodeOf(descriptor.Name!.Value.Value);
        Performative performative = (type, code) switch
        {
            (FrameType.Amqp, Open.Code) => new Open(),
            (FrameType.Amqp, Begin.Code) => new Begin(),
            (FrameType.Amqp, Attach.Code) => new Attach(),
            (FrameType.Amqp, Flow.Code) => Reset(_flow),
            (FrameType.Amqp, Transfer.Code) => Reset(_transfer),
            (FrameType.Amqp, Disposition.Code) => Reset(_disposition),
            (FrameType.Amqp, Detach.Code) => new Detach(),
            (FrameType.Amqp, End.Code) => new End(),
            (FrameType.Amqp, Close.Code) => new Close(),
            (FrameType.Sasl, SaslMechanisms.Code) => new SaslMechanisms(),
            (FrameType.Sasl, SaslInit.Code) => new SaslInit(),
            (FrameType.Sasl, SaslChallenge.Code) => new SaslChallenge(),
            (FrameType.Sasl, SaslResponse.Code) => new SaslResponse(),
            (FrameType.Sasl, SaslOutcome.Code) => new SaslOutcome(),
            _ => NotAPerformative(descriptor, type),
        };
        performative.ReadFields(ref reader);
        return performative;
    }

    private static Flow Reset(Flow flow)
    {
        flow.Reset();
        return flow;
    }

    private static Transfer Reset(Transfer transfer)
    {
        transfer.Reset();
        return transfer;
    }

    private static Disposition Reset(Disposition disposition)
    {
        disposition.Reset();
        return disposition;
    }

    private static Performative NotAPerformative(AmqpDescriptor descriptor, FrameType type)
    {
        AmqpThrow.Framing(AmqpThrow.Format("Descriptor {0} is not a performative of a{1} frame.", descriptor, type == FrameType.Sasl ? " SASL" : "n AMQP"));
        return null!;
    }

    private static ulong CodeOf(string name) => name switch
    {
        Open.Name => Open.Code,
        Begin.Name => Begin.Code,
        Attach.Name => Attach.Code,
        Flow.Name => Flow.Code,
        Transfer.Name => Transfer.Code,
        Disposition.Name => Disposition.Code,
        Detach.Name => Detach.Code,
        End.Name => End.Code,
        Close.Name => Close.Code,
        SaslMechanisms.Name => SaslMechanisms.Code,
        SaslInit.Name => SaslInit.Code,
        SaslChallenge.Name => SaslChallenge.Code,
        SaslResponse.Name => SaslResponse.Code,
        SaslOutcome.Name => SaslOutcome.Code,
        _ => ulong.MaxValue,
    };
}
