using Gateway.Amqp.Types;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// The <c>x-opt-jms-dest</c> message annotation of the AMQP JMS mapping (Qpid JMS, ActiveMQ): a byte saying what kind
/// of node the message's <c>to</c> names - 0 queue, 1 topic, 2 temporary queue, 3 temporary topic. The anonymous relay
/// uses it for a bare <c>to</c>; the annotation itself stays in the message byte for byte.
/// </summary>
public static class JmsDestinationType
{
    public static readonly AmqpSymbol Annotation = new("x-opt-jms-dest");

    public const int Queue = 0;
    public const int Topic = 1;
    public const int TemporaryQueue = 2;
    public const int TemporaryTopic = 3;

    /// <summary>The node kind <paramref name="annotations"/> say for the message's <c>to</c>; null without a known value.</summary>
    public static AmqpNodeKind? KindOf(AmqpMap? annotations)
    {
        if (annotations is null || !annotations.TryGetValue(Annotation, out var value))
        {
            return null;
        }
        long? type = value.Type switch
        {
            AmqpType.Byte => value.AsByte(),
            AmqpType.UByte => value.AsUByte(),
            AmqpType.Short => value.AsShort(),
            AmqpType.Int => value.AsInt(),
            AmqpType.Long => value.AsLong(),
            _ => null,
        };
        return type switch
        {
            Queue or TemporaryQueue => AmqpNodeKind.Queue,
            Topic or TemporaryTopic => AmqpNodeKind.Topic,
            _ => null,
        };
    }
}
