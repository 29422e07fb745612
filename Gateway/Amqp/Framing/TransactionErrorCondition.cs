using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>The transaction-error conditions of Part 4 §4.5.8.</summary>
public static class TransactionErrorCondition
{
    /// <summary>"The specified txn-id does not exist."</summary>
    public static readonly AmqpSymbol UnknownId = new("amqp:transaction:unknown-id");

    /// <summary>"The transaction was rolled back for an unspecified reason."</summary>
    public static readonly AmqpSymbol Rollback = new("amqp:transaction:rollback");

    /// <summary>"The work represented by this transaction took too long."</summary>
    public static readonly AmqpSymbol Timeout = new("amqp:transaction:timeout");
}
