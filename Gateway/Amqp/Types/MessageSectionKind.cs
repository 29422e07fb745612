namespace Gateway.Amqp.Types;

/// <summary>
/// The sections of an AMQP message (Part 3 §3.2), valued by their descriptor codes, in the order they must appear:
/// header, delivery-annotations, message-annotations, properties, application-properties, body (one or more data, one
/// or more amqp-sequence, or one amqp-value), footer.
/// </summary>
public enum MessageSectionKind : ulong
{
    /// <summary><c>amqp:header:list</c>: transport headers (durable, priority, ttl, first-acquirer, delivery-count).</summary>
    Header = 0x70,

    /// <summary><c>amqp:delivery-annotations:map</c>: for the next hop only.</summary>
    DeliveryAnnotations = 0x71,

    /// <summary><c>amqp:message-annotations:map</c>: annotations that travel with the message.</summary>
    MessageAnnotations = 0x72,

    /// <summary><c>amqp:properties:list</c>: immutable standard properties of the bare message.</summary>
    Properties = 0x73,

    /// <summary><c>amqp:application-properties:map</c>: application data, string keys, simple values.</summary>
    ApplicationProperties = 0x74,

    /// <summary><c>amqp:data:binary</c>: opaque body octets.</summary>
    Data = 0x75,

    /// <summary><c>amqp:amqp-sequence:list</c>: a body of AMQP values.</summary>
    AmqpSequence = 0x76,

    /// <summary><c>amqp:amqp-value:*</c>: a body that is a single AMQP value.</summary>
    AmqpValue = 0x77,

    /// <summary><c>amqp:footer:map</c>: transport footers (hashes, signatures).</summary>
    Footer = 0x78,
}
