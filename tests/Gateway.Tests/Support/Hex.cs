using System.Globalization;

namespace Gateway.Tests.Support;

/// <summary>Spec-style byte vectors: "10 0D 00 04 4D 51 54 54" (spaces and line breaks ignored).</summary>
public static class Hex
{
    public static byte[] Parse(string hex)
    {
        var digits = hex.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal);
        return Convert.FromHexString(digits);
    }

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var parts = new string[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            parts[i] = bytes[i].ToString("X2", CultureInfo.InvariantCulture);
        }
        return string.Join(' ', parts);
    }
}
