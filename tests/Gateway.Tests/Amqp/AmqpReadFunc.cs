using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp;

/// <summary>Reads with an <see cref="AmqpReader"/> (a ref struct, so lambdas take it by ref).</summary>
public delegate T AmqpReadFunc<out T>(ref AmqpReader reader);
