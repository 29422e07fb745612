namespace Gateway.Amqp.Types;

/// <summary>An IEEE 754-2008 decimal128 (Part 1 §1.6.15), carried as its 128 bits in network order (high first).</summary>
public readonly record struct AmqpDecimal128(ulong High, ulong Low);
