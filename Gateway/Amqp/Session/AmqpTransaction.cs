using Gateway.Amqp.Bridge;

namespace Gateway.Amqp.Session;

/// <summary>
/// A local transaction (Part 4 §4.4) declared on a coordinator link of this connection: the messages posted under it
/// and the settlements made under it, held here until the discharge commits or rolls them back.
/// <code>
///  (declare) --&gt; ACTIVE --discharge fail=false--&gt; commit: messages stored, then settlements applied --&gt; gone
///                   |  \--discharge fail=true / coordinator link closed / connection closed--&gt; rollback --&gt; gone
///                   \--over Amqp:MaxTransactionBytes--&gt; ROLLBACK-ONLY (messages dropped; a commit is refused)
/// </code>
/// Owned by its connection and used only under the connection's lock; the id is removed from the connection's table
/// when the discharge starts, so nothing can join a transaction that is being committed.
/// </summary>
internal sealed class AmqpTransaction
{
    public AmqpTransaction(ulong id, byte[] txnId, IncomingLink coordinator)
    {
        Id = id;
        TxnId = txnId;
        Coordinator = coordinator;
    }

    /// <summary>The connection's number for the transaction; <see cref="TxnId"/> is its 8-byte big-endian encoding.</summary>
    public ulong Id { get; }

    /// <summary>The transaction-id given to the client in declared (Part 4 §4.5.4).</summary>
    public byte[] TxnId { get; }

    /// <summary>The control link it was declared on: closing that link rolls it back.</summary>
    public IncomingLink Coordinator { get; }

    /// <summary>Messages posted under the transaction, in the order they arrived.</summary>
    public List<TransactionalSend> Sends { get; } = [];

    /// <summary>Queue deliveries the client settled under the transaction.</summary>
    public List<TransactionalSettle> Settles { get; } = [];

    /// <summary>Bytes held in <see cref="Sends"/>, bounded by Amqp:MaxTransactionBytes.</summary>
    public long Bytes { get; set; }

    /// <summary>Why the transaction can only be rolled back now, or null while it can commit.</summary>
    public string? RollbackOnly { get; private set; }

    public string DisplayId => Convert.ToHexString(TxnId);

    /// <summary>The transaction can no longer commit: its held messages are dropped now (their memory is freed).</summary>
    public void MarkRollbackOnly(string reason)
    {
        RollbackOnly ??= reason;
        Sends.Clear();
        Bytes = 0;
    }
}
