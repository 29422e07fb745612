namespace Gateway.Amqp.Types;

/// <summary>An IEEE 754-2008 decimal64 (Part 1 §1.6.14), carried as its 64 bits.</summary>
public readonly record struct AmqpDecimal64(ulong Bits);
