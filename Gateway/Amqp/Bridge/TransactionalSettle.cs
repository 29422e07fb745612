using Grains.Interfaces.Queues;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// A queue delivery settled under a transaction (Part 4 §4.4.2): the consumer's outcome, applied to the queue at commit;
/// at rollback the delivery goes back to the queue as a failed attempt.
/// </summary>
public readonly record struct TransactionalSettle(string Queue, string ConsumerId, long Tag, SettleOutcome Outcome, bool DeliveryFailed,
    bool UndeliverableHere, string? Reason);
