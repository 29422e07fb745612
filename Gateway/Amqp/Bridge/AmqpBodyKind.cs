namespace Gateway.Amqp.Bridge;

/// <summary>How an AMQP message's body was written, so it is written the same way again on delivery.</summary>
public enum AmqpBodyKind : byte
{
    /// <summary>One data section: <c>BrokerMessage.Payload</c> is its bytes.</summary>
    Data = 0,

    /// <summary>An amqp-value holding a string: the payload is its UTF-8 bytes.</summary>
    ValueString = 1,

    /// <summary>An amqp-value holding binary: the payload is the bytes.</summary>
    ValueBinary = 2,

    /// <summary>Anything else (several data sections, amqp-sequence, another amqp-value): the payload is the encoded body sections.</summary>
    Encoded = 3,
}
