using System.Buffers;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// Reads the control message a transaction controller sends to the coordinator (Part 4 §4.3): "the declare/discharge
/// type MUST be sent as the body of an amqp-value section"; other sections (header, properties) are ignored.
/// </summary>
public static class TransactionControl
{
    /// <summary>The <see cref="Declare"/> or <see cref="Discharge"/> in the message's amqp-value body.</summary>
    /// <exception cref="AmqpDecodeException">The message is malformed or its body is not a declare or a discharge.</exception>
    public static AmqpComposite Read(in ReadOnlySequence<byte> message)
    {
        var sections = new MessageSectionsReader(message);
        while (sections.TryRead(out var section))
        {
            if (!section.IsBody)
            {
                continue;
            }
            if (section.Kind != MessageSectionKind.AmqpValue)
            {
                break;
            }
            var reader = new AmqpReader(section.Value);
            var descriptor = reader.ReadDescriptor();
            AmqpComposite control = descriptor.Matches(Declare.Code, Declare.Name) ? new Declare()
                : descriptor.Matches(Discharge.Code, Discharge.Name) ? new Discharge()
                : AmqpThrow.Decode<AmqpComposite>(AmqpThrow.Format("A message to the coordinator holds {0}, not a declare or a discharge (Part 4 §4.5.2-3).", descriptor));
            control.ReadFields(ref reader);
            return control;
        }
        return AmqpThrow.Decode<AmqpComposite>("A message to the coordinator must have an amqp-value body holding a declare or a discharge (Part 4 §4.3).");
    }
}
