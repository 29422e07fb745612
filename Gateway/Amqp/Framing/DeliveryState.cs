using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// A delivery-state (Part 2 §2.6.12, Part 3 §3.4, Part 4 §4.5): received, one of the outcomes accepted, rejected,
/// released, modified, declared, or transactional-state. Carried by transfer and disposition.
/// </summary>
public abstract class DeliveryState : AmqpComposite
{
    /// <summary>Decodes whichever delivery state comes next.</summary>
    /// <exception cref="AmqpDecodeException">The value is not a delivery state this broker knows.</exception>
    public static DeliveryState Read(ref AmqpReader reader)
    {
        var offset = reader.Consumed;
        var descriptor = reader.ReadDescriptor();
        DeliveryState state = ToCode(descriptor) switch
        {
            Received.Code => new Received(),
            Accepted.Code => Accepted.Instance,
            Rejected.Code => new Rejected(),
            Released.Code => Released.Instance,
            Modified.Code => new Modified(),
            Declared.Code => new Declared(),
            TransactionalState.Code => new TransactionalState(),
            _ => AmqpThrow.Decode<DeliveryState>(AmqpThrow.Format("Descriptor {0} at offset {1} is not a supported delivery state (Part 3 §3.4, Part 4 §4.5).", descriptor, offset)),
        };
        state.ReadFields(ref reader);
        return state;
    }

    private static ulong ToCode(AmqpDescriptor descriptor) => descriptor.Code ?? descriptor.Name?.Value switch
    {
        Received.Name => Received.Code,
        Accepted.Name => Accepted.Code,
        Rejected.Name => Rejected.Code,
        Released.Name => Released.Code,
        Modified.Name => Modified.Code,
        Declared.Name => Declared.Code,
        TransactionalState.Name => TransactionalState.Code,
        _ => ulong.MaxValue,
    };
}
