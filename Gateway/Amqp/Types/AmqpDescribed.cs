namespace Gateway.Amqp.Types;

/// <summary>
/// A described value (Part 1 §1.5) of a type this layer has no class for: a descriptor that "associates semantics"
/// with an underlying value, kept as is so it can be passed on or re-encoded.
/// </summary>
public sealed class AmqpDescribed : IEquatable<AmqpDescribed>
{
    public AmqpDescribed(AmqpDescriptor descriptor, AmqpValue value)
    {
        if (descriptor.Code is null && descriptor.Name is null)
        {
            throw new ArgumentException("A descriptor is a ulong or a symbol.", nameof(descriptor));
        }
        Descriptor = descriptor;
        Value = value;
    }

    public AmqpDescriptor Descriptor { get; }

    public AmqpValue Value { get; }

    public bool Equals(AmqpDescribed? other) => other is not null && Descriptor.Equals(other.Descriptor) && Value.Equals(other.Value);

    public override bool Equals(object? obj) => obj is AmqpDescribed other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Descriptor, Value);

    public override string ToString() => $"described({Descriptor}, {Value})";
}
