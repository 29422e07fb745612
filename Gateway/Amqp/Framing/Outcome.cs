using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>A terminal delivery state (Part 3 §3.4): accepted, rejected, released or modified.</summary>
public abstract class Outcome : DeliveryState
{
    /// <summary>Decodes an outcome (a source's default-outcome); received is a delivery state but not an outcome.</summary>
    public static new Outcome Read(ref AmqpReader reader)
    {
        var offset = reader.Consumed;
        return DeliveryState.Read(ref reader) as Outcome
            ?? AmqpThrow.Decode<Outcome>(AmqpThrow.Format("The delivery state at offset {0} is not an outcome (Part 3 §3.4).", offset));
    }
}
