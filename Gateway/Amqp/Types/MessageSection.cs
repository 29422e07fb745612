using System.Buffers;

namespace Gateway.Amqp.Types;

/// <summary>
/// One section of an encoded message as slices of the message's bytes: <see cref="Raw"/> is the whole section
/// (descriptor included) byte for byte, <see cref="Value"/> the encoded value after the descriptor. Valid as long as the
/// message bytes are.
/// </summary>
public readonly struct MessageSection
{
    public MessageSection(MessageSectionKind kind, long offset, ReadOnlySequence<byte> raw, ReadOnlySequence<byte> value)
    {
        Kind = kind;
        Offset = offset;
        Raw = raw;
        Value = value;
    }

    public MessageSectionKind Kind { get; }

    /// <summary>Offset of the section within the message.</summary>
    public long Offset { get; }

    /// <summary>The section's complete encoding, to pass on unchanged.</summary>
    public ReadOnlySequence<byte> Raw { get; }

    /// <summary>The encoding of the section's value (a list, map, binary or any value), without the descriptor.</summary>
    public ReadOnlySequence<byte> Value { get; }

    /// <summary>True for data, amqp-sequence and amqp-value.</summary>
    public bool IsBody => Kind is MessageSectionKind.Data or MessageSectionKind.AmqpSequence or MessageSectionKind.AmqpValue;

    /// <summary>Decodes the section's value.</summary>
    public AmqpValue DecodeValue()
    {
        var reader = new AmqpReader(Value);
        var value = reader.ReadValue();
        if (!reader.End)
        {
            AmqpThrow.Decode("A message section holds bytes after its value.");
        }
        return value;
    }

    /// <summary>Decodes a map section (annotations, application-properties, footer).</summary>
    public AmqpMap DecodeMap()
    {
        var reader = new AmqpReader(Value);
        return reader.ReadMap();
    }

    /// <summary>Decodes a header section.</summary>
    public MessageHeader DecodeHeader() => Decode<MessageHeader>(MessageSectionKind.Header);

    /// <summary>Decodes a properties section.</summary>
    public MessageProperties DecodeProperties() => Decode<MessageProperties>(MessageSectionKind.Properties);

    private T Decode<T>(MessageSectionKind expected)
        where T : AmqpComposite, new()
    {
        if (Kind != expected)
        {
            throw new InvalidOperationException($"The section is {Kind}, not {expected}.");
        }
        var reader = new AmqpReader(Raw);
        return reader.ReadComposite<T>();
    }
}
