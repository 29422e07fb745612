using Gateway.Amqp.Bridge;

namespace Gateway.Amqp.Session;

/// <summary>A discharge finished: answer the control message with accepted, or rejected with the transaction error.</summary>
internal sealed record TransactionDischarged(IncomingLink Link, uint DeliveryId, bool Settled, string TxnId, bool Commit, SendOutcome Outcome);
