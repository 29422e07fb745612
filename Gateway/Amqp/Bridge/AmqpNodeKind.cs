namespace Gateway.Amqp.Bridge;

/// <summary>What an AMQP address names: a queue (messages wait) or a topic (messages fan out to subscriptions).</summary>
public enum AmqpNodeKind
{
    Queue,
    Topic,
}
