namespace Gateway.Mqtt.Codec;

/// <summary>
/// Variable Byte Integer (MQTT 5.0 §1.5.5; 3.1.1 §2.2.3 "Remaining Length"): 7 bits per byte, least significant group
/// first, bit 7 set when another byte follows; at most 4 bytes, so at most 268,435,455.
/// </summary>
internal static class VariableByteInteger
{
    /// <summary>The largest value four bytes can encode (0xFF 0xFF 0xFF 0x7F).</summary>
    public const int MaxValue = 268_435_455;

    /// <summary>Encoded size in bytes of <paramref name="value"/> (0..<see cref="MaxValue"/>).</summary>
    public static int GetSize(int value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    /// <summary>Writes the minimal encoding [MQTT-1.5.5-1]; returns the number of bytes written.</summary>
    public static int Write(Span<byte> destination, int value)
    {
        var i = 0;
        do
        {
            var digit = (byte)(value & 0x7F);
            value >>= 7;
            if (value > 0)
            {
                digit |= 0x80;
            }
            destination[i++] = digit;
        }
        while (value > 0);
        return i;
    }

    /// <summary>
    /// Decodes from the start of <paramref name="source"/>. Returns false when more bytes are needed. Throws Malformed
    /// Packet for a fifth byte (§1.5.5: "a maximum of four bytes") or a non-minimal encoding [MQTT-1.5.5-1].
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out int value, out int consumed)
    {
        value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i >= source.Length)
            {
                consumed = 0;
                return false;
            }
            var digit = source[i];
            value |= (digit & 0x7F) << (7 * i);
            if ((digit & 0x80) == 0)
            {
                if (digit == 0 && i > 0)
                {
                    // A trailing 0x00 group adds nothing: the value had a shorter encoding [MQTT-1.5.5-1].
                    MqttThrow.Malformed("Variable Byte Integer is not minimally encoded.");
                }
                consumed = i + 1;
                return true;
            }
        }
        MqttThrow.Malformed("Variable Byte Integer is longer than four bytes.");
        consumed = 0;
        return false;
    }
}
