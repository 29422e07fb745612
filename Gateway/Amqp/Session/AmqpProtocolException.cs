using Gateway.Amqp.Types;

namespace Gateway.Amqp.Session;

/// <summary>
/// A protocol error with the answer the spec gives it: the error condition (Part 2 §2.8.15) and what it ends. The
/// connection's catch ladder turns it into detach, end or close carrying the condition and this message.
/// </summary>
public sealed class AmqpProtocolException : Exception
{
    public AmqpProtocolException(AmqpSymbol condition, ErrorScope scope, string message)
        : base(message)
    {
        Condition = condition;
        Scope = scope;
    }

    public AmqpProtocolException()
        : this(new AmqpSymbol("amqp:internal-error"), ErrorScope.Connection, "internal error")
    {
    }

    public AmqpProtocolException(string message)
        : this(new AmqpSymbol("amqp:internal-error"), ErrorScope.Connection, message)
    {
    }

    public AmqpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Condition = new AmqpSymbol("amqp:internal-error");
        Scope = ErrorScope.Connection;
    }

    public AmqpSymbol Condition { get; }

    public ErrorScope Scope { get; }

    /// <summary>For a link error: the link's handle as the peer knows it.</summary>
    public uint? Handle { get; init; }
}
