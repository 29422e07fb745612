using System.Text;

namespace Gateway.Amqp.Types;

/// <summary>
/// An AMQP symbol (Part 1 §1.6.21): "symbolic values from a constrained domain", seven-bit ASCII on the wire and
/// compared ordinally. Decoded symbols come from <see cref="AmqpSymbolTable"/>, so the recurring ones (capabilities,
/// error conditions, annotation keys) are not allocated again. <c>default</c> is the empty symbol.
/// </summary>
public readonly struct AmqpSymbol : IEquatable<AmqpSymbol>
{
    private readonly string? _value;

    /// <exception cref="ArgumentException"><paramref name="value"/> is not seven-bit ASCII.</exception>
    public AmqpSymbol(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Ascii.IsValid(value))
        {
            throw new ArgumentException("An AMQP symbol is seven-bit ASCII (Part 1 §1.6.21).", nameof(value));
        }
        _value = value;
    }

    /// <summary>For strings already known to be ASCII (decoded and interned).</summary>
    internal AmqpSymbol(string value, bool trusted)
    {
        _ = trusted;
        _value = value;
    }

    public string Value => _value ?? string.Empty;

    public int Length => Value.Length;

    public static bool operator ==(AmqpSymbol left, AmqpSymbol right) => left.Equals(right);

    public static bool operator !=(AmqpSymbol left, AmqpSymbol right) => !left.Equals(right);

    public bool Equals(AmqpSymbol other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <summary>Compares with encoded ASCII bytes without decoding them.</summary>
    public bool Equals(ReadOnlySpan<byte> ascii)
    {
        var value = Value;
        if (value.Length != ascii.Length)
        {
            return false;
        }
        for (var i = 0; i < ascii.Length; i++)
        {
            if (value[i] != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is AmqpSymbol other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
