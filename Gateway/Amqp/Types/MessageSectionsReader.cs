using System.Buffers;

namespace Gateway.Amqp.Types;

/// <summary>
/// Splits an encoded message (the payload of one delivery, all transfers appended) into its sections without decoding
/// them, so the broker can read the properties it routes on and pass every section on byte for byte. The order and
/// multiplicity of Part 3 §3.2 are enforced:
/// <code>
/// [header] [delivery-annotations] [message-annotations] [properties] [application-properties]
/// (data+ | amqp-sequence+ | amqp-value) [footer]
/// </code>
/// </summary>
/// <remarks>
/// <see cref="TryRead"/> returns false at the end of the message and throws <see cref="AmqpDecodeException"/> when a
/// section is malformed, unknown or out of order. Section values are checked only as far as their constructor and
/// size (a map section must be a map, data must be binary); the bytes inside are passed through.
/// </remarks>
public ref struct MessageSectionsReader
{
    private AmqpReader _reader;
    private MessageSectionKind? _last;

    public MessageSectionsReader(ReadOnlySequence<byte> message) => _reader = new AmqpReader(message);

    /// <summary>True once a body section (data, amqp-sequence or amqp-value) has been read.</summary>
    public readonly bool HasBody => _last is >= MessageSectionKind.Data;

    /// <summary>The next section; false when the message has no more.</summary>
    public bool TryRead(out MessageSection section)
    {
        if (_reader.End)
        {
            section = default;
            return false;
        }
        var start = _reader.Consumed;
        var rawStart = _reader.ReadSlice(0);
        var descriptor = _reader.ReadDescriptor();
        var kind = ToKind(descriptor, start);
        CheckOrder(kind, start);
        var valueStart = _reader.Consumed;
        CheckValueType(kind, _reader.PeekFormatCode(), valueStart);
        var value = _reader.ReadRawValue();
        var raw = _reader.Sequence.Slice(rawStart.Start, _reader.Consumed - start);
        _last = kind;
        section = new MessageSection(kind, start, raw, value);
        return true;
    }

    private static MessageSectionKind ToKind(AmqpDescriptor descriptor, long offset)
    {
        if (descriptor.Code is { } code)
        {
            if (code is >= (ulong)MessageSectionKind.Header and <= (ulong)MessageSectionKind.Footer)
            {
                return (MessageSectionKind)code;
            }
        }
        else
        {
            switch (descriptor.Name!.Value.Value)
            {
                case "amqp:header:list":
                    return MessageSectionKind.Header;
                case "amqp:delivery-annotations:map":
                    return MessageSectionKind.DeliveryAnnotations;
                case "amqp:message-annotations:map":
                    return MessageSectionKind.MessageAnnotations;
                case "amqp:properties:list":
                    return MessageSectionKind.Properties;
                case "amqp:application-properties:map":
                    return MessageSectionKind.ApplicationProperties;
                case "amqp:data:binary":
                    return MessageSectionKind.Data;
                case "amqp:amqp-sequence:list":
                    return MessageSectionKind.AmqpSequence;
                case "amqp:amqp-value:*":
                    return MessageSectionKind.AmqpValue;
                case "amqp:footer:map":
                    return MessageSectionKind.Footer;
            }
        }
        return AmqpThrow.Decode<MessageSectionKind>(AmqpThrow.Format("Descriptor {0} at offset {1} is not a message section (Part 3 §3.2).", descriptor, offset));
    }

    private readonly void CheckOrder(MessageSectionKind kind, long offset)
    {
        if (_last is not { } last)
        {
            return;
        }
        var repeatable = kind is MessageSectionKind.Data or MessageSectionKind.AmqpSequence;
        var ordered = kind > last || (kind == last && repeatable);
        var bodyAfterBody = kind is >= MessageSectionKind.Data and <= MessageSectionKind.AmqpValue
            && last is >= MessageSectionKind.Data and <= MessageSectionKind.AmqpValue && kind != last;
        if (!ordered || bodyAfterBody)
        {
            AmqpThrow.Decode(AmqpThrow.Format("The {0} section at offset {1} may not follow {2} (Part 3 §3.2).", kind, offset, last));
        }
    }

    private static void CheckValueType(MessageSectionKind kind, byte code, long offset)
    {
        var ok = kind switch
        {
            MessageSectionKind.Header or MessageSectionKind.Properties or MessageSectionKind.AmqpSequence =>
                code is FormatCode.List0 or FormatCode.List8 or FormatCode.List32,
            MessageSectionKind.Data => code is FormatCode.Binary8 or FormatCode.Binary32,
            MessageSectionKind.AmqpValue => true,
            _ => code is FormatCode.Map8 or FormatCode.Map32,
        };
        if (!ok)
        {
            AmqpThrow.Decode(AmqpThrow.Format("The {0} section at offset {1} holds format code 0x{2:x2}, not its type (Part 3 §3.2).", kind, offset, code));
        }
    }
}
