using System.Text;
using System.Text.Unicode;

namespace Gateway.Mqtt.Codec;

/// <summary>UTF-8 Encoded String rules (MQTT 5.0 §1.5.4; 3.1.1 §1.5.3).</summary>
internal static class MqttUtf8
{
    /// <summary>Largest string: a Two Byte Integer length prefix.</summary>
    public const int MaxStringBytes = ushort.MaxValue;

    /// <summary>Encodes strictly: a lone surrogate in a .NET string cannot be written as well-formed UTF-8.</summary>
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Validates received string bytes: well-formed UTF-8 with no encoded surrogates U+D800..U+DFFF [MQTT-1.5.4-1]
    /// and no U+0000 [MQTT-1.5.4-2]; both are a Malformed Packet. A BOM (EF BB BF) is data and is kept [MQTT-1.5.4-3].
    /// The "SHOULD NOT" code points (controls, non-characters) are accepted, as the OASIS committee note on disallowed
    /// code points recommends for Servers, so one publisher cannot get subscribers disconnected.
    /// </summary>
    public static void Validate(ReadOnlySpan<byte> utf8)
    {
        // Utf8.IsValid rejects ill-formed sequences, overlong forms and encoded surrogates (RFC 3629).
        if (!Utf8.IsValid(utf8))
        {
            MqttThrow.Malformed("UTF-8 Encoded String is not well-formed UTF-8 [MQTT-1.5.4-1].");
        }
        // In well-formed UTF-8, U+0000 can only be the single byte 0x00.
        if (utf8.Contains((byte)0))
        {
            MqttThrow.Malformed("UTF-8 Encoded String contains U+0000 [MQTT-1.5.4-2].");
        }
    }

    /// <summary>
    /// Encoded length of a string the writer is about to send; throws <see cref="ArgumentException"/> when it cannot be
    /// a UTF-8 Encoded String (lone surrogate, U+0000, longer than 65,535 bytes).
    /// </summary>
    public static int GetByteCount(string value, string what)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what} contains U+0000, which MQTT forbids [MQTT-1.5.4-2].", nameof(value));
        }
        int count;
        try
        {
            count = Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"{what} contains a lone surrogate [MQTT-1.5.4-1].", nameof(value), ex);
        }
        if (count > MaxStringBytes)
        {
            throw new ArgumentException($"{what} is {count} bytes of UTF-8; the maximum is 65,535.", nameof(value));
        }
        return count;
    }
}
