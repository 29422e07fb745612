using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp;

/// <summary>Writes with an <see cref="AmqpWriter"/> (a ref struct, so lambdas take it by ref).</summary>
public delegate void AmqpWriteAction(ref AmqpWriter writer);
