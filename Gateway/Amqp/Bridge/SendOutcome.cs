using Gateway.Amqp.Types;

namespace Gateway.Amqp.Bridge;

/// <summary>What became of a message a client sent: stored (accepted), or refused with the error for its rejected outcome.</summary>
public readonly record struct SendOutcome(bool Accepted, AmqpSymbol Condition, string? Description)
{
    public static SendOutcome Stored => new(true, default, null);

    public static SendOutcome Refused(AmqpSymbol condition, string description) => new(false, condition, description);
}
