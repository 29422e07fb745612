namespace Gateway.Amqp.Types;

/// <summary>
/// An AMQP timestamp (Part 1 §1.6.17): "64-bit two's-complement integer representing milliseconds since the unix
/// epoch". Kept as the raw count so values outside <see cref="DateTimeOffset"/>'s range survive a round trip.
/// </summary>
public readonly record struct AmqpTimestamp(long Milliseconds)
{
    public static AmqpTimestamp FromDateTimeOffset(DateTimeOffset value) => new(value.ToUnixTimeMilliseconds());

    /// <exception cref="ArgumentOutOfRangeException">The timestamp is outside years 1 to 9999.</exception>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds);
}
