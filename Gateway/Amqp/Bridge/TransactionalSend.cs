using Grains.Interfaces.Messages;

namespace Gateway.Amqp.Bridge;

/// <summary>A message sent under a transaction (Part 4 §4.4.1): held by the gateway, enqueued to its address at commit.</summary>
public readonly record struct TransactionalSend(AmqpAddress Address, BrokerMessage Message);
