using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// Where a message sent on an anonymous-relay link goes (the link's target has no address): its <c>properties.to</c>,
/// in the address forms of a link (<see cref="AmqpAddress"/>), a bare <c>to</c> being the node kind the
/// <c>x-opt-jms-dest</c> annotation says (<see cref="JmsDestinationType"/>), else a queue.
/// </summary>
public static class RelayDestination
{
    /// <summary>
    /// Reads <c>to</c> and the annotations of <paramref name="message"/>; false with the condition and reason of the
    /// delivery's rejected outcome when it names no node. Throws <see cref="AmqpDecodeException"/> for a malformed message.
    /// </summary>
    public static bool TryResolve(in ReadOnlySequence<byte> message, out AmqpAddress address, out AmqpSymbol condition, out string problem)
    {
        var reader = new MessageSectionsReader(message);
        string? to = null;
        AmqpNodeKind? kind = null;
        while (reader.TryRead(out var section))
        {
            if (section.Kind == MessageSectionKind.MessageAnnotations)
            {
                kind = JmsDestinationType.KindOf(section.DecodeMap());
            }
            else if (section.Kind == MessageSectionKind.Properties)
            {
                to = section.DecodeProperties().To;
            }
            else if (section.IsBody)
            {
                break; // the bare message's sections before the body say it all (Part 3 §3.2)
            }
        }
        if (string.IsNullOrEmpty(to))
        {
            address = default;
            condition = AmqpErrorCondition.NotFound;
            problem = "the message has no 'to' address, which a message on the anonymous relay (a target without an address) needs";
            return false;
        }
        if (!AmqpAddress.TryParse(to, forReceiving: false, kind ?? AmqpNodeKind.Queue, out address, out problem))
        {
            condition = AmqpErrorCondition.NotFound;
            problem = "'to' names no node: " + problem;
            return false;
        }
        condition = default;
        return true;
    }
}
