using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// The body of a frame (Part 2 §2.7 and Part 5 §5.3.3): a composite type whose descriptor names the performative.
/// AMQP frames carry open, begin, attach, flow, transfer, disposition, detach, end and close; SASL frames carry the
/// sasl-* performatives.
/// </summary>
public abstract class Performative : AmqpComposite
{
    /// <summary>The frame type that carries this performative.</summary>
    public abstract FrameType FrameType { get; }
}
