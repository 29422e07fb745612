using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gateway.Amqp.Types;

/// <summary>Throw helpers kept out of line so the decoding paths stay small; messages say what and where.</summary>
internal static class AmqpThrow
{
    [DoesNotReturn]
    public static void Decode(string message) => throw new AmqpDecodeException(AmqpDecodeException.DecodeError, message);

    [DoesNotReturn]
    public static T Decode<T>(string message) => throw new AmqpDecodeException(AmqpDecodeException.DecodeError, message);

    [DoesNotReturn]
    public static void Framing(string message) => throw new AmqpDecodeException(AmqpDecodeException.FramingError, message);

    [DoesNotReturn]
    public static void Truncated(long offset) =>
        Decode(Format("The encoded value ends early: more bytes are needed at offset {0}.", offset));

    [DoesNotReturn]
    public static T UnexpectedType<T>(byte code, string expected, long offset) =>
        Decode<T>(Format("Expected {0} at offset {1}, found format code 0x{2:x2}.", expected, offset, code));

    [DoesNotReturn]
    public static T UnknownFormatCode<T>(byte code, long offset) =>
        Decode<T>(Format("0x{0:x2} at offset {1} is not an AMQP 1.0 format code (Part 1 §1.6).", code, offset));

    [DoesNotReturn]
    public static void MissingMandatoryField(string descriptorName, string fieldName) =>
        Decode(Format("{0}: the mandatory field '{1}' is absent or null.", descriptorName, fieldName));

    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
