using Gateway.Amqp.Framing;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// Commit and rollback of an AMQP local transaction (Part 4), whose work the connection held until its discharge.
/// </summary>
/// <remarks>
/// What a commit guarantees (docs/protocol-mapping.md, "Transactions"): the messages for one queue go in one enqueue
/// call, which the queue commits to its journal as one batch - all or none (a transaction holding more than
/// <see cref="CommitChunkBytes"/> for one queue takes several batches). Several queues (and the queues a topic routes
/// to) commit independently, in parallel: a failure or crash during commit can leave some of them with the
/// transaction's messages and others without. The consumer acknowledgements are applied only after every message is
/// stored, so a commit that fails part-way leaves the consumed messages in their queues (they are redelivered): at
/// least once, never lost.
/// </remarks>
public sealed partial class AmqpBridge
{
    /// <summary>Bytes of messages for one queue per enqueue call at commit, well below the runtime's frame limit.</summary>
    public const long CommitChunkBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Stores every held message (durably, each at its address), then applies the held settlements. Accepted when all
    /// of it is done; otherwise refused with <c>amqp:transaction:rollback</c> and what was and was not done (the
    /// settlements are then rolled back, see <see cref="RollbackAsync"/>).
    /// </summary>
    public async Task<SendOutcome> CommitAsync(IReadOnlyList<TransactionalSend> sends, IReadOnlyList<TransactionalSettle> settles,
        CancellationToken cancellationToken)
    {
        List<string> refused;
        try
        {
            refused = await EnqueueAllAsync(sends, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            refused = [$"the messages could not be stored now ({ex.Message}); some queues may hold them"];
        }
        if (refused.Count > 0)
        {
            await RollbackAsync(settles, cancellationToken).ConfigureAwait(false);
            return SendOutcome.Refused(TransactionErrorCondition.Rollback,
                $"the transaction was rolled back: {string.Join("; ", refused)}. Its acknowledgements were not applied (the messages are redelivered).");
        }
        try
        {
            await SettleAllAsync(settles, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SendOutcome.Refused(TransactionErrorCondition.Rollback,
                $"the transaction's messages were stored but its acknowledgements could not be ({ex.Message}): the consumed messages are redelivered.");
        }
        return SendOutcome.Stored;
    }

    /// <summary>
    /// Gives the deliveries settled under a rolled-back transaction back to their queues as failed attempts (modified,
    /// delivery-failed): they are redelivered with their delivery-count raised, and count towards max deliveries as
    /// JMS redelivery of a rolled-back message does.
    /// </summary>
    public async Task RollbackAsync(IReadOnlyList<TransactionalSettle> settles, CancellationToken cancellationToken)
    {
        if (settles.Count == 0)
        {
            return;
        }
        var groups = new Dictionary<(string Queue, string Consumer), List<long>>();
        foreach (var settle in settles)
        {
            if (!groups.TryGetValue((settle.Queue, settle.ConsumerId), out var tags))
            {
                groups[(settle.Queue, settle.ConsumerId)] = tags = [];
            }
            tags.Add(settle.Tag);
        }
        var calls = new List<Task>(groups.Count);
        foreach (var ((queue, consumer), tags) in groups)
        {
            calls.Add(SettleAsync(queue, consumer, tags, SettleOutcome.Modify, true, false, null, 0, cancellationToken).AsTask());
        }
        await Task.WhenAll(calls).ConfigureAwait(false);
    }

    private async Task<List<string>> EnqueueAllAsync(IReadOnlyList<TransactionalSend> sends, CancellationToken cancellationToken)
    {
        var queues = new Dictionary<string, List<BrokerMessage>>(StringComparer.Ordinal);
        var topics = new Dictionary<string, List<BrokerMessage>>(StringComparer.Ordinal);
        foreach (var send in sends)
        {
            var byName = send.Address.Kind == AmqpNodeKind.Queue ? queues : topics;
            if (!byName.TryGetValue(send.Address.Name, out var messages))
            {
                byName[send.Address.Name] = messages = [];
            }
            messages.Add(send.Message);
        }
        var calls = new List<Task<string?>>(queues.Count + topics.Count);
        foreach (var (queue, messages) in queues)
        {
            calls.Add(EnqueueInBatchesAsync(queue, messages, cancellationToken));
        }
        foreach (var (filter, messages) in topics)
        {
            calls.Add(PublishInOrderAsync(new AmqpAddress(AmqpNodeKind.Topic, filter), messages, cancellationToken));
        }
        var results = await Task.WhenAll(calls).ConfigureAwait(false);
        var refused = new List<string>();
        foreach (var result in results)
        {
            if (result is not null)
            {
                refused.Add(result);
            }
        }
        return refused;
    }

    /// <summary>One enqueue call (one journal batch) per <see cref="CommitChunkBytes"/>; null when all are stored, else why not.</summary>
    private async Task<string?> EnqueueInBatchesAsync(string queue, List<BrokerMessage> messages, CancellationToken cancellationToken)
    {
        var start = 0;
        while (start < messages.Count)
        {
            var end = start;
            long bytes = 0;
            while (end < messages.Count && (end == start || bytes + messages[end].ApproximateSize <= CommitChunkBytes))
            {
                bytes += messages[end].ApproximateSize;
                end++;
            }
            var chunk = messages.GetRange(start, end - start);
            var result = await Queue(queue).CallAsync(new EnqueueMessages(chunk, CreateIfMissing: true), cancellationToken).ConfigureAwait(false);
            if (result.Status != EnqueueStatus.Accepted)
            {
                var stored = start == 0 ? "none of its messages were stored" : $"{start} of its {messages.Count} messages were stored";
                return $"queue '{queue}' refused them ({result.Reason ?? result.Status.ToString()}); {stored}";
            }
            start = end;
        }
        return null;
    }

    /// <summary>A topic's messages in the order they were sent; null when all are stored, else why not.</summary>
    private async Task<string?> PublishInOrderAsync(AmqpAddress topic, List<BrokerMessage> messages, CancellationToken cancellationToken)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var outcome = await SendAsync(topic, messages[i], cancellationToken).ConfigureAwait(false);
            if (!outcome.Accepted)
            {
                return $"topic '{topic.Name}': {outcome.Description}; {i} of its {messages.Count} messages were published";
            }
        }
        return null;
    }

    private async Task SettleAllAsync(IReadOnlyList<TransactionalSettle> settles, CancellationToken cancellationToken)
    {
        if (settles.Count == 0)
        {
            return;
        }
        var groups = new Dictionary<(string, string, SettleOutcome, bool, bool, string?), List<long>>();
        foreach (var s in settles)
        {
            var key = (s.Queue, s.ConsumerId, s.Outcome, s.DeliveryFailed, s.UndeliverableHere, s.Reason);
            if (!groups.TryGetValue(key, out var tags))
            {
                groups[key] = tags = [];
            }
            tags.Add(s.Tag);
        }
        var calls = new List<Task>(groups.Count);
        foreach (var ((queue, consumer, outcome, failed, here, reason), tags) in groups)
        {
            calls.Add(SettleAsync(queue, consumer, tags, outcome, failed, here, reason, 0, cancellationToken).AsTask());
        }
        await Task.WhenAll(calls).ConfigureAwait(false);
    }
}
