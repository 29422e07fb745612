using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>txn-capability (Part 4 §4.5.7), a restricted symbol: what a coordinator supports.</summary>
public static class TxnCapability
{
    /// <summary>"Support local transactions": the only kind this broker offers.</summary>
    public static readonly AmqpSymbol LocalTransactions = new("amqp:local-transactions");

    /// <summary>"Support AMQP Distributed Transactions" (not offered).</summary>
    public static readonly AmqpSymbol DistributedTransactions = new("amqp:distributed-transactions");

    /// <summary>"Support AMQP Promotable Transactions" (not offered).</summary>
    public static readonly AmqpSymbol PromotableTransactions = new("amqp:promotable-transactions");

    /// <summary>"Support multiple active transactions on a single session".</summary>
    public static readonly AmqpSymbol MultiTxnsPerSession = new("amqp:multi-txns-per-ssn");

    /// <summary>"Support transactions whose txn-id is used across sessions on one connection".</summary>
    public static readonly AmqpSymbol MultiSessionsPerTxn = new("amqp:multi-ssns-per-txn");
}
