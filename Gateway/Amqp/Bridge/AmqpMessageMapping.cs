using System.Buffers;
using System.Globalization;
using System.Text;
using Gateway.Amqp.Types;
using Grains.Interfaces.Messages;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// Maps an AMQP message (Part 3 §3.2) to the protocol-neutral <see cref="BrokerMessage"/> and back
/// (docs/protocol-mapping.md). Same-protocol delivery is byte-exact for every section but the header, which the broker
/// rewrites (delivery-count, remaining ttl, first-acquirer) and the delivery-annotations, which are for one hop.
/// </summary>
public static class AmqpMessageMapping
{
    /// <summary>message-annotations key of an absolute delivery time (ActiveMQ Artemis / Azure convention).</summary>
    public static readonly AmqpSymbol DeliveryTimeAnnotation = new("x-opt-delivery-time");

    /// <summary>message-annotations key of a delivery delay in milliseconds.</summary>
    public static readonly AmqpSymbol DeliveryDelayAnnotation = new("x-opt-delivery-delay");

    /// <summary>
    /// Reads a received message. Throws <see cref="AmqpDecodeException"/> when it is not a valid AMQP message (the
    /// delivery is then rejected with that error; the connection goes on).
    /// </summary>
    public static BrokerMessage FromAmqp(in ReadOnlySequence<byte> encoded, string address, string messageId, string? publisherId, bool settled, long nowUnixMs)
    {
        var reader = new MessageSectionsReader(encoded);
        MessageHeader? header = null;
        MessageProperties? properties = null;
        List<MessageProperty>? applicationProperties = null;
        long? deliverAt = null;
        var beforeBodyStart = -1L;
        var beforeBodyEnd = -1L;
        var bodyStart = -1L;
        var bodyEnd = -1L;
        var bodySections = 0;
        MessageSection firstBody = default;
        var footer = ReadOnlySequence<byte>.Empty;
        while (reader.TryRead(out var section))
        {
            var end = section.Offset + section.Raw.Length;
            switch (section.Kind)
            {
                case MessageSectionKind.Header:
                    header = section.DecodeHeader();
                    break;
                case MessageSectionKind.DeliveryAnnotations:
                    break;
                case MessageSectionKind.MessageAnnotations or MessageSectionKind.Properties or MessageSectionKind.ApplicationProperties:
                    if (beforeBodyStart < 0)
                    {
                        beforeBodyStart = section.Offset;
                    }
                    beforeBodyEnd = end;
                    if (section.Kind == MessageSectionKind.MessageAnnotations)
                    {
                        deliverAt = ReadDeliveryTime(section.DecodeMap(), nowUnixMs);
                    }
                    else if (section.Kind == MessageSectionKind.Properties)
                    {
                        properties = section.DecodeProperties();
                    }
                    else
                    {
                        applicationProperties = ReadApplicationProperties(section.DecodeMap());
                    }
                    break;
                case MessageSectionKind.Footer:
                    footer = section.Raw;
                    break;
                default:
                    if (bodyStart < 0)
                    {
                        bodyStart = section.Offset;
                        firstBody = section;
                    }
                    bodyEnd = end;
                    bodySections++;
                    break;
            }
        }
        if (bodyStart < 0)
        {
            // Part 3 §3.2: "the body consists of one of the following three choices" - a message has a body.
            AmqpThrow.Decode("The message has no body section (data, amqp-sequence or amqp-value; Part 3 §3.2).");
        }

        var (kind, formatCode, payload) = ReadBody(encoded, firstBody, bodySections, bodyStart, bodyEnd);
        var beforeBody = beforeBodyStart < 0 ? ReadOnlySequence<byte>.Empty : encoded.Slice(beforeBodyStart, beforeBodyEnd - beforeBodyStart);
        var stored = AmqpStoredSections.Encode(kind, formatCode, beforeBody, footer);

        long? expiresAt = header?.Ttl is { } ttl ? nowUnixMs + ttl : null;
        if (properties?.AbsoluteExpiryTime is { } absolute && absolute.Milliseconds > 0 && (expiresAt is null || absolute.Milliseconds < expiresAt))
        {
            expiresAt = absolute.Milliseconds;
        }
        return new BrokerMessage
        {
            MessageId = messageId,
            Address = address,
            Payload = payload,
            Priority = (byte)Math.Min((int)(header?.Priority ?? MessageHeader.DefaultPriority), 9),
            Durable = header?.Durable ?? false,
            CreatedAt = nowUnixMs,
            ExpiresAt = expiresAt,
            DeliverAt = deliverAt,
            GroupId = properties?.GroupId,
            ContentType = properties?.ContentType?.Value,
            CorrelationData = CorrelationBytes(properties?.CorrelationId ?? AmqpValue.Null),
            ReplyTo = properties?.ReplyTo,
            PayloadIsUtf8 = kind == AmqpBodyKind.ValueString ? true : null,
            Properties = applicationProperties ?? (IReadOnlyList<MessageProperty>)[],
            ProtocolSections = stored,
            Qos = settled ? (byte)0 : (byte)1,
            PublisherId = publisherId,
        };
    }

    /// <summary>
    /// Writes <paramref name="message"/> as an AMQP message for a receiver: a fresh header, then the sections an AMQP
    /// sender wrote byte for byte, or sections built from the neutral fields for a message from another protocol.
    /// </summary>
    public static void WriteDelivery(BrokerMessage message, int deliveryCount, long nowUnixMs, IBufferWriter<byte> output)
    {
        var writer = new AmqpWriter(output);
        var header = new MessageHeader
        {
            Durable = message.Durable,
            Priority = message.Priority,
            Ttl = message.ExpiresAt is { } expiresAt ? (uint)Math.Clamp(expiresAt - nowUnixMs, 1, uint.MaxValue) : null,
            FirstAcquirer = deliveryCount == 0,
            DeliveryCount = (uint)Math.Max(deliveryCount, 0),
        };
        writer.WriteComposite(header);
        if (AmqpStoredSections.TryDecode(message.ProtocolSections, out var stored))
        {
            writer.WriteRaw(stored.BeforeBody.Span);
            WriteBody(ref writer, stored.BodyKind, stored.BodyFormatCode, message.Payload.Span);
            writer.WriteRaw(stored.Footer.Span);
            return;
        }
        writer.WriteComposite(new MessageProperties
        {
            MessageId = message.MessageId,
            To = message.Address,
            ReplyTo = message.ReplyTo,
            CorrelationId = message.CorrelationData is { } correlation ? AmqpValue.FromBinary(correlation.Span) : AmqpValue.Null,
            ContentType = message.ContentType is { } contentType ? new AmqpSymbol(contentType) : null,
            CreationTime = message.CreatedAt > 0 ? new AmqpTimestamp(message.CreatedAt) : null,
            AbsoluteExpiryTime = message.ExpiresAt is { } expiry ? new AmqpTimestamp(expiry) : null,
            GroupId = message.GroupId,
        });
        if (message.Properties.Count > 0)
        {
            var map = new AmqpMap();
            foreach (var property in message.Properties)
            {
                map.TryAdd(property.Name, property.Value); // a repeated MQTT user property: the first one wins (map keys are unique)
            }
            writer.WriteDescriptor((ulong)MessageSectionKind.ApplicationProperties);
            writer.WriteMap(map);
        }
        WriteBody(ref writer, message.PayloadIsUtf8 == true ? AmqpBodyKind.ValueString : AmqpBodyKind.Data, 0, message.Payload.Span);
    }

    private static void WriteBody(ref AmqpWriter writer, AmqpBodyKind kind, byte formatCode, ReadOnlySpan<byte> payload)
    {
        switch (kind)
        {
            case AmqpBodyKind.Data:
                writer.WriteDescriptor((ulong)MessageSectionKind.Data);
                writer.WriteBinary(payload);
                break;
            case AmqpBodyKind.ValueString:
                writer.WriteDescriptor((ulong)MessageSectionKind.AmqpValue);
                // In the width the sender used (str8 vs str32), so the section stays byte-exact.
                writer.WriteVariableWidth(formatCode == FormatCode.String32 || payload.Length > byte.MaxValue ? FormatCode.String32 : FormatCode.String8, payload);
                break;
            case AmqpBodyKind.ValueBinary:
                writer.WriteDescriptor((ulong)MessageSectionKind.AmqpValue);
                writer.WriteVariableWidth(formatCode == FormatCode.Binary32 || payload.Length > byte.MaxValue ? FormatCode.Binary32 : FormatCode.Binary8, payload);
                break;
            default:
                writer.WriteRaw(payload);
                break;
        }
    }

    private static (AmqpBodyKind Kind, byte FormatCode, ReadOnlyMemory<byte> Payload) ReadBody(in ReadOnlySequence<byte> encoded,
        MessageSection first, int sections, long start, long end)
    {
        if (sections == 1 && first.Kind == MessageSectionKind.Data)
        {
            var valueReader = new AmqpReader(first.Value);
            return (AmqpBodyKind.Data, 0, valueReader.ReadBinary().ToArray());
        }
        if (sections == 1 && first.Kind == MessageSectionKind.AmqpValue)
        {
            var valueReader = new AmqpReader(first.Value);
            var code = valueReader.PeekFormatCode();
            if (code is FormatCode.String8 or FormatCode.String32)
            {
                var text = valueReader.ReadString();
                return (AmqpBodyKind.ValueString, code, Encoding.UTF8.GetBytes(text));
            }
            if (code is FormatCode.Binary8 or FormatCode.Binary32)
            {
                return (AmqpBodyKind.ValueBinary, code, valueReader.ReadBinary().ToArray());
            }
        }
        return (AmqpBodyKind.Encoded, 0, encoded.Slice(start, end - start).ToArray());
    }

    private static List<MessageProperty>? ReadApplicationProperties(AmqpMap map)
    {
        if (map.Count == 0)
        {
            return null;
        }
        var list = new List<MessageProperty>(map.Count);
        foreach (var (key, value) in map)
        {
            // Part 3 §3.2.5: keys are strings, values simple types; anything else is kept only in the raw section.
            if (key.Type == AmqpType.String && ToText(value) is { } text)
            {
                list.Add(new MessageProperty(key.AsString(), text));
            }
        }
        return list;
    }

    /// <summary>A simple AMQP value as text for other protocols and selectors; null for compound values.</summary>
    public static string? ToText(AmqpValue value) => value.Type switch
    {
        AmqpType.String => value.AsString(),
        AmqpType.Symbol => value.AsSymbol().Value,
        AmqpType.Boolean => value.AsBoolean() ? "true" : "false",
        AmqpType.UByte => value.AsUByte().ToString(CultureInfo.InvariantCulture),
        AmqpType.UShort => value.AsUShort().ToString(CultureInfo.InvariantCulture),
        AmqpType.UInt => value.AsUInt().ToString(CultureInfo.InvariantCulture),
        AmqpType.ULong => value.AsULong().ToString(CultureInfo.InvariantCulture),
        AmqpType.Byte => value.AsByte().ToString(CultureInfo.InvariantCulture),
        AmqpType.Short => value.AsShort().ToString(CultureInfo.InvariantCulture),
        AmqpType.Int => value.AsInt().ToString(CultureInfo.InvariantCulture),
        AmqpType.Long => value.AsLong().ToString(CultureInfo.InvariantCulture),
        AmqpType.Float => value.AsFloat().ToString("R", CultureInfo.InvariantCulture),
        AmqpType.Double => value.AsDouble().ToString("R", CultureInfo.InvariantCulture),
        AmqpType.Timestamp => value.AsTimestamp().Milliseconds.ToString(CultureInfo.InvariantCulture),
        AmqpType.Uuid => value.AsUuid().ToString(),
        AmqpType.Char => value.AsChar().ToString(),
        _ => null,
    };

    private static ReadOnlyMemory<byte>? CorrelationBytes(AmqpValue correlationId) => correlationId.Type switch
    {
        AmqpType.Null => null,
        AmqpType.Binary => correlationId.AsBinary(),
        _ => Encoding.UTF8.GetBytes(ToText(correlationId) ?? correlationId.ToString()),
    };

    private static long? ReadDeliveryTime(AmqpMap annotations, long nowUnixMs)
    {
        if (annotations.TryGetValue(DeliveryTimeAnnotation, out var time))
        {
            return time.Type switch
            {
                AmqpType.Timestamp => time.AsTimestamp().Milliseconds,
                AmqpType.Long => time.AsLong(),
                _ => null,
            };
        }
        if (annotations.TryGetValue(DeliveryDelayAnnotation, out var delay) && delay.Type is AmqpType.Long or AmqpType.Int or AmqpType.UInt)
        {
            var ms = delay.Type switch { AmqpType.Long => delay.AsLong(), AmqpType.Int => delay.AsInt(), _ => delay.AsUInt() };
            return ms > 0 ? nowUnixMs + ms : null;
        }
        return null;
    }
}
