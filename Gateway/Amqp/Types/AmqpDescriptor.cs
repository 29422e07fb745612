namespace Gateway.Amqp.Types;

/// <summary>
/// The descriptor of a described type (Part 1 §1.5): a <c>ulong</c> code (domain id in the high 32 bits, 0 for the
/// OASIS-defined types) or a symbolic name such as <c>amqp:open:list</c>. Receivers accept either form.
/// </summary>
public readonly struct AmqpDescriptor : IEquatable<AmqpDescriptor>
{
    public AmqpDescriptor(ulong code) => Code = code;

    public AmqpDescriptor(AmqpSymbol name) => Name = name;

    public ulong? Code { get; }

    public AmqpSymbol? Name { get; }

    public bool IsNumeric => Code.HasValue;

    public static bool operator ==(AmqpDescriptor left, AmqpDescriptor right) => left.Equals(right);

    public static bool operator !=(AmqpDescriptor left, AmqpDescriptor right) => !left.Equals(right);

    /// <summary>True when this is <paramref name="code"/> or <paramref name="name"/>, the two forms of one type.</summary>
    public bool Matches(ulong code, string name) =>
        Code is { } c ? c == code : Name is { } n && string.Equals(n.Value, name, StringComparison.Ordinal);

    public bool Equals(AmqpDescriptor other) => Code == other.Code && Nullable.Equals(Name, other.Name);

    public override bool Equals(object? obj) => obj is AmqpDescriptor other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Code, Name);

    public override string ToString() => Code is { } c ? $"0x{c:x}" : Name?.Value ?? "(none)";
}
