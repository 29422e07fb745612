using System.Buffers;
using System.Buffers.Binary;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Grains.Interfaces.Messages;

namespace Gateway.Amqp.Session;

/// <summary>
/// Local transactions (Part 4): a coordinator link takes declare and discharge control messages; messages posted with
/// transactional-state are held until commit; dispositions with transactional-state are applied to the queues at
/// commit. Transactional acquisition (a flow's <c>txn-id</c> property) is not offered: deliveries to the client are
/// ordinary, only their settlement is transactional (docs/protocol-mapping.md, "Transactions").
/// </summary>
internal sealed partial class AmqpConnection
{
    /// <summary>The coordinator's capabilities in its attach: local transactions, several per session, used from any session of the connection.</summary>
    private static readonly AmqpSymbol[] CoordinatorCapabilities =
        [TxnCapability.LocalTransactions, TxnCapability.MultiTxnsPerSession, TxnCapability.MultiSessionsPerTxn];

    /// <summary>Open transactions of this connection by id: a txn-id may be used on any link of any of its sessions.</summary>
    private readonly Dictionary<ulong, AmqpTransaction> _transactions = [];

    /// <summary>Transactions whose coordinator link closed, rolled back at the end of the batch.</summary>
    private readonly List<AmqpTransaction> _rollbacks = [];

    private ulong _transactionCounter;

    /// <summary>A transaction controller attaches (Part 4 §4.2): a sender link whose target is a coordinator.</summary>
    private void AttachCoordinator(AmqpSession session, Attach attach)
    {
        var link = new IncomingLink(session, attach.LinkName, attach.Handle, session.AllocateHandle(), default)
        {
            DeliveryCount = attach.InitialDeliveryCount ?? 0,
            IsCoordinator = true,
        };
        session.Links[attach.Handle] = link;
        var requested = attach.Coordinator!.Capabilities ?? [];
        if (Array.IndexOf(requested, TxnCapability.LocalTransactions) < 0
            && (Array.IndexOf(requested, TxnCapability.DistributedTransactions) >= 0 || Array.IndexOf(requested, TxnCapability.PromotableTransactions) >= 0))
        {
            RefuseAttach(link, attach, AmqpErrorCondition.NotImplemented,
                "only local transactions (amqp:local-transactions) are supported; distributed and promotable transactions are not");
            return;
        }
        Send(session.LocalChannel, new Attach
        {
            LinkName = link.Name,
            Handle = link.LocalHandle,
            Role = Role.Receiver,
            SndSettleMode = attach.SndSettleMode,
            RcvSettleMode = ReceiverSettleMode.First,
            Source = attach.Source,
            Coordinator = new Coordinator { Capabilities = CoordinatorCapabilities },
        });
        link.Attached = true;
        link.Credit = (uint)_options.LinkCredit;
        SendLinkFlow(link);
    }

    /// <summary>A message on the coordinator link: declare (§4.5.2) or discharge (§4.5.3).</summary>
    private void OnControlMessage(IncomingLink link, uint deliveryId, bool settled, in ReadOnlySequence<byte> bytes)
    {
        AmqpComposite control;
        try
        {
            control = TransactionControl.Read(bytes);
        }
        catch (AmqpDecodeException ex)
        {
            LogBadMessage(_logger, _remote, _containerId, link.Name, ex.Message);
            AnswerControl(link, deliveryId, settled, new Rejected { Error = new Error(ex.Condition, ex.Message) });
            ReplenishCredit(link);
            return;
        }
        if (control is Declare declare)
        {
            AnswerControl(link, deliveryId, settled, Declare(link, declare));
            ReplenishCredit(link);
            return;
        }
        var discharge = (Discharge)control;
        if (!TryTransactionOf(discharge.TxnId.Span, out var transaction))
        {
            AnswerControl(link, deliveryId, settled, UnknownTransaction(discharge.TxnId.Span));
            ReplenishCredit(link);
            return;
        }
        _transactions.Remove(transaction.Id); // from now on nothing joins it
        link.Outstanding++;
        _ = DischargeAsync(transaction, link, deliveryId, settled, commit: !discharge.Fail);
    }

    private Outcome Declare(IncomingLink link, Declare declare)
    {
        if (declare.GlobalId is { IsNull: false })
        {
            return new Rejected
            {
                Error = new Error(AmqpErrorCondition.NotImplemented, "a declare with a global-id asks for a distributed transaction; only local transactions are supported"),
            };
        }
        var id = ++_transactionCounter;
        var txnId = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(txnId, id);
        var transaction = new AmqpTransaction(id, txnId, link);
        _transactions[id] = transaction;
        LogTransactionDeclared(_logger, _containerId, transaction.DisplayId);
        return new Declared { TxnId = txnId };
    }

    /// <summary>
    /// Commit: the held messages are stored (durably) and then the held settlements applied, before the discharge is
    /// answered. Rollback (fail, or a transaction over its byte limit): the held messages are dropped and the settled
    /// deliveries go back to their queues. The grain calls run on no cancellation token: a discharge the connection
    /// took in completes even if the client leaves meanwhile.
    /// </summary>
    private async Task DischargeAsync(AmqpTransaction transaction, IncomingLink link, uint deliveryId, bool settled, bool commit)
    {
        SendOutcome outcome;
        try
        {
            if (commit && transaction.RollbackOnly is null)
            {
                outcome = await _bridge.CommitAsync(transaction.Sends, transaction.Settles, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _bridge.RollbackAsync(transaction.Settles, CancellationToken.None).ConfigureAwait(false);
                outcome = commit
                    ? SendOutcome.Refused(TransactionErrorCondition.Rollback, $"the transaction was rolled back: {transaction.RollbackOnly}")
                    : SendOutcome.Stored;
            }
        }
        catch (Exception ex)
        {
            outcome = SendOutcome.Refused(TransactionErrorCondition.Rollback,
                $"the transaction could not be {(commit ? "committed" : "rolled back")} now: {ex.Message}; unacknowledged messages come back when the consumer's lease ends");
        }
        Post(new TransactionDischarged(link, deliveryId, settled, transaction.DisplayId, commit, outcome));
    }

    private void OnDischarged(TransactionDischarged discharged)
    {
        var link = discharged.Link;
        link.Outstanding--;
        LogTransactionDischarged(_logger, _containerId, discharged.TxnId, discharged.Commit ? "commit" : "rollback",
            discharged.Outcome.Accepted ? "done" : discharged.Outcome.Description ?? string.Empty);
        if (link.Detached)
        {
            return;
        }
        AnswerControl(link, discharged.DeliveryId, discharged.Settled, discharged.Outcome.Accepted
            ? Accepted.Instance
            : new Rejected { Error = new Error(discharged.Outcome.Condition, discharged.Outcome.Description) });
        ReplenishCredit(link);
    }

    private void AnswerControl(IncomingLink link, uint deliveryId, bool settled, Outcome outcome)
    {
        if (!settled && !link.Detached)
        {
            SendDisposition(link.Session, Role.Receiver, deliveryId, deliveryId, outcome);
        }
    }

    /// <summary>
    /// A message posted under a transaction (Part 4 §4.4.1): held, not stored, until the commit. The transfer is
    /// answered at once with transactional-state(txn-id, accepted): "the outcome will take effect when the transaction
    /// is committed". <paramref name="target"/> is the link's node, or for the anonymous relay the message's 'to'.
    /// </summary>
    private void Enlist(IncomingLink link, AmqpAddress target, uint deliveryId, bool settled, TransactionalState state, BrokerMessage message)
    {
        DeliveryState answer;
        if (!TryTransactionOf(state.TxnId.Span, out var transaction))
        {
            answer = UnknownTransaction(state.TxnId.Span);
        }
        else if (transaction.RollbackOnly is { } reason)
        {
            answer = new Rejected { Error = new Error(TransactionErrorCondition.Rollback, $"the transaction can only be rolled back: {reason}") };
        }
        else if (transaction.Bytes + message.ApproximateSize > _options.MaxTransactionBytes)
        {
            var limit = $"the transaction holds more than {_options.MaxTransactionBytes} bytes of messages (Amqp:MaxTransactionBytes); it can only be rolled back";
            transaction.MarkRollbackOnly(limit);
            LogTransactionTooLarge(_logger, _containerId, transaction.DisplayId, _options.MaxTransactionBytes);
            answer = new Rejected { Error = new Error(AmqpErrorCondition.ResourceLimitExceeded, limit) };
        }
        else
        {
            transaction.Sends.Add(new TransactionalSend(target, message));
            transaction.Bytes += message.ApproximateSize;
            answer = new TransactionalState { TxnId = transaction.TxnId, Outcome = Accepted.Instance };
        }
        if (!settled)
        {
            SendDisposition(link.Session, Role.Receiver, deliveryId, deliveryId, answer);
        }
    }

    /// <summary>
    /// The outcome a client's transactional disposition stands for, and its transaction (whose commit applies it): null
    /// when the delivery is only acquired under the transaction (no outcome, not settled), i.e. nothing to do yet. A
    /// transaction that can only roll back holds it too: the rollback gives it back. An unknown txn-id cannot be honoured: the deliveries go back to the queue as
    /// failed attempts (modified, delivery-failed) at once.
    /// </summary>
    private DeliveryState? ResolveTransactional(TransactionalState state, bool settled, out AmqpTransaction? transaction)
    {
        if (!TryTransactionOf(state.TxnId.Span, out transaction))
        {
            LogUnknownTransaction(_logger, _containerId, Convert.ToHexString(state.TxnId.Span), "disposition");
            transaction = null;
            return new Modified { DeliveryFailed = true };
        }
        return state.Outcome ?? (settled ? Accepted.Instance : null);
    }

    /// <summary>The coordinator link closed (detach, session end, connection end): its open transactions roll back, once
    /// the links closing with it are closed (<see cref="StartRollbacks"/>).</summary>
    private void RollBackTransactionsOf(IncomingLink coordinator)
    {
        foreach (var transaction in _transactions.Values)
        {
            if (transaction.Coordinator == coordinator)
            {
                _rollbacks.Add(transaction);
            }
        }
        foreach (var transaction in _rollbacks)
        {
            _transactions.Remove(transaction.Id);
        }
    }

    /// <summary>
    /// Starts the rollbacks of transactions whose coordinator closed, after the frame or event batch (or the connection's
    /// end) that closed it. Deliveries of a receiver link that closed meanwhile are left out: its detach gave them back
    /// to the queue already, and settling them again would count one more failed attempt.
    /// </summary>
    private void StartRollbacks()
    {
        if (_rollbacks.Count == 0)
        {
            return;
        }
        _pendingReleases.RemoveAll(static t => t.IsCompleted);
        foreach (var transaction in _rollbacks)
        {
            var open = new List<TransactionalSettle>(transaction.Settles.Count);
            foreach (var settle in transaction.Settles)
            {
                if (_consumers.TryGetValue(settle.ConsumerId, out var consumer) && !consumer.Detached)
                {
                    open.Add(settle);
                }
            }
            LogTransactionDischarged(_logger, _containerId, transaction.DisplayId, "rollback", "its coordinator link closed");
            _pendingReleases.Add(RollBackAsync(transaction, open));
        }
        _rollbacks.Clear();
    }

    private async Task RollBackAsync(AmqpTransaction transaction, List<TransactionalSettle> settles)
    {
        try
        {
            await _bridge.RollbackAsync(settles, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(_logger, _containerId, transaction.Coordinator.Name, ex.Message);
        }
    }

    private bool TryTransactionOf(ReadOnlySpan<byte> txnId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AmqpTransaction? transaction)
    {
        transaction = null;
        return txnId.Length == 8 && _transactions.TryGetValue(BinaryPrimitives.ReadUInt64BigEndian(txnId), out transaction);
    }

    private static Rejected UnknownTransaction(ReadOnlySpan<byte> txnId) => new()
    {
        Error = new Error(TransactionErrorCondition.UnknownId,
            $"transaction {Convert.ToHexString(txnId)} is not open on this connection (never declared here, or already discharged)"),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "AMQP ({ContainerId}): transaction {TxnId} declared")]
    private static partial void LogTransactionDeclared(ILogger logger, string containerId, string txnId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AMQP ({ContainerId}): transaction {TxnId} {Discharge}: {Result}")]
    private static partial void LogTransactionDischarged(ILogger logger, string containerId, string txnId, string discharge, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP ({ContainerId}): transaction {TxnId} exceeded {Limit} bytes (Amqp:MaxTransactionBytes); it can only be rolled back")]
    private static partial void LogTransactionTooLarge(ILogger logger, string containerId, string txnId, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP ({ContainerId}): {Frame} names transaction {TxnId}, which is not open; its deliveries go back to the queue")]
    private static partial void LogUnknownTransaction(ILogger logger, string containerId, string txnId, string frame);
}
