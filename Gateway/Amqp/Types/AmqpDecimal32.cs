namespace Gateway.Amqp.Types;

/// <summary>An IEEE 754-2008 decimal32 (Part 1 §1.6.13), carried as its 32 bits: .NET has no such type.</summary>
public readonly record struct AmqpDecimal32(uint Bits);
