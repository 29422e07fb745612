namespace Gateway.Amqp.Types;

/// <summary>
/// Bytes that are not acceptable AMQP 1.0: a malformed encoding, a frame that breaks Part 2 §2.3, or a type other
/// than the one a field requires. The connection is closed with <see cref="Condition"/> (<c>amqp:decode-error</c> or
/// <c>amqp:connection:framing-error</c>) and <see cref="Exception.Message"/> as the description. Codecs throw nothing
/// else for any input.
/// </summary>
public sealed class AmqpDecodeException : Exception
{
    /// <summary><c>amqp:decode-error</c>: "data could not be decoded" (Part 2 §2.8.15).</summary>
    public static readonly AmqpSymbol DecodeError = new("amqp:decode-error");

    /// <summary><c>amqp:connection:framing-error</c>: "a valid frame header cannot be formed" (Part 2 §2.8.16).</summary>
    public static readonly AmqpSymbol FramingError = new("amqp:connection:framing-error");

    public AmqpDecodeException()
        : this(DecodeError, "The AMQP data could not be decoded.")
    {
    }

    public AmqpDecodeException(string message)
        : this(DecodeError, message)
    {
    }

    public AmqpDecodeException(string message, Exception innerException)
        : base(message, innerException) => Condition = DecodeError;

    public AmqpDecodeException(AmqpSymbol condition, string message)
        : base(message) => Condition = condition;

    /// <summary>The AMQP error condition the connection is closed with.</summary>
    public AmqpSymbol Condition { get; }
}
