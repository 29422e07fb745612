using Grains.Interfaces.Queues;
using Microsoft.Extensions.Logging;
using Runtime.Storage.Journal;

namespace Grains.Queues;

public sealed partial class QueueGrain
{
    /// <summary>
    /// Hands ready messages to consumers with credit, in delivery order (priority, then sequence), round-robin over the
    /// consumers (only the earliest one when the queue is exclusive), keeping each message group on one consumer.
    /// Each delivery's attempt is made recoverable before it is pushed (QueueGrain.DeliveryCounts.cs), so after a crash
    /// an unsettled message comes back with its delivery count raised; when the turn's batch already does that, the
    /// dispatch commits nothing, and pushes at once when that batch also inserts the message or is committed, else once
    /// it is (QueueGrain.Pipeline.cs). Expired messages met on the way are expired; messages delivered too
    /// often are dead-lettered. A consumer is offered only what its selector matches; what no consumer matches is parked
    /// (see QueueGrain.Selectors.cs for how far a dispatch looks).
    /// </summary>
    private async Task DispatchAsync()
    {
        for (var round = 0; round < 4; round++)
        {
            if (_unloadedCount > 0 && _entries.Count < _options.MaxWindowMessages / 2)
            {
                await WaitDurableAsync().ConfigureAwait(false); // a paged-out message must be in the journal to page in
                await PageInAsync(CancellationToken.None).ConfigureAwait(false);
            }
            var eligible = EligibleConsumers();
            if (eligible.Count == 0 || _ready.Count == 0)
            {
                break;
            }
            var batch = new JournalBatch(GrainId, Epoch);
            var plan = new TurnPlan();
            var deliveries = new List<(QueueConsumer Consumer, QueueEntry Entry)>();
            var taken = new List<QueueEntry>();
            List<QueueEntry>? unmatched = null;
            var now = Now;
            foreach (var sequence in _ready.InDeliveryOrder())
            {
                if (eligible.Count == 0)
                {
                    break;
                }
                var entry = _entries[sequence];
                if (entry.ExpiresAt <= now)
                {
                    taken.Add(entry);
                    PlanExpiry(entry, batch, plan);
                    continue;
                }
                if (ReachedMaxDeliveries(entry))
                {
                    taken.Add(entry);
                    plan.DeadLetters.Add((entry, MaxDeliveriesReason(entry), false));
                    continue;
                }
                var consumer = PickConsumer(entry, eligible);
                if (consumer is null)
                {
                    // Its group's consumer has no credit, every consumer refused it, or no selector with credit matches
                    // it: later messages may still go.
                    if (NoConsumerAccepts(entry))
                    {
                        (unmatched ??= []).Add(entry);
                    }
                    continue;
                }
                taken.Add(entry);
                deliveries.Add((consumer, entry));
                consumer.Credit--;
                if (consumer.Credit == 0)
                {
                    eligible.Remove(consumer);
                }
                if (entry.Message.GroupId is { } group)
                {
                    _groupOwners.TryAdd(group, consumer);
                }
                entry.Holder = consumer;
                consumer.Outstanding.Add(entry.Sequence);
            }
            PlanDeliveryCounts(deliveries, batch, plan);
            foreach (var entry in taken)
            {
                _ready.Remove(entry.Sequence, entry.Message.Priority);
            }
            if (unmatched is not null)
            {
                Park(unmatched);
            }
            try
            {
                await PlanDeadLettersAsync(plan, batch).ConfigureAwait(false);
                await CommitAsync(batch).ConfigureAwait(false);
            }
            catch
            {
                // Not durable: undo the hand-out so the messages stay deliverable by whoever owns the queue next.
                foreach (var (consumer, entry) in deliveries)
                {
                    consumer.Outstanding.Remove(entry.Sequence);
                    consumer.Credit++;
                    entry.Holder = null;
                }
                foreach (var entry in taken)
                {
                    _ready.Add(entry.Sequence, entry.Message.Priority);
                }
                throw;
            }
            Apply(plan);
            var durable = _durable.IsCompletedSuccessfully && _durable.Result;
            foreach (var (consumer, entry) in deliveries)
            {
                var attemptsBefore = entry.Attempts;
                if (!durable && !MayPushBeforeCommit(entry, attemptsBefore))
                {
                    // What counts this delivery after a crash is in a batch not committed yet: this delivery and the
                    // ones after it (order) wait for it, holding the turn (QueueGrain.Pipeline.cs).
                    await WaitDurableAsync().ConfigureAwait(false);
                    durable = true;
                }
                entry.Insert = null;
                entry.Attempts++;
                _counters.Delivered++;
                Notify(consumer.Observer, new QueueDelivery(Name, consumer.Id, entry.Sequence, attemptsBefore, entry.Message));
            }
            if (deliveries.Count == 0 && plan.DeadLetters.Count == 0)
            {
                break;
            }
        }
        CompleteDrains();
    }

    private List<QueueConsumer> EligibleConsumers()
    {
        var eligible = new List<QueueConsumer>(_consumers.Count);
        if (Settings.ExclusiveConsumer)
        {
            QueueConsumer? first = null;
            foreach (var consumer in _consumers.Values)
            {
                if (first is null || consumer.AttachedOrder < first.AttachedOrder)
                {
                    first = consumer;
                }
            }
            if (first is { Credit: > 0 } && IsReachable(first.Observer))
            {
                eligible.Add(first);
            }
            return eligible;
        }
        // A consumer whose gateway is gone from this silo gets nothing more; the sweep detaches it.
        foreach (var consumer in _consumers.Values)
        {
            if (consumer.Credit > 0 && IsReachable(consumer.Observer))
            {
                eligible.Add(consumer);
            }
        }
        eligible.Sort(static (a, b) => a.AttachedOrder.CompareTo(b.AttachedOrder));
        return eligible;
    }

    /// <summary>
    /// The consumer for <paramref name="entry"/> among those with credit: its group's owner, else the next one in
    /// round-robin order, skipping consumers that refused it (undeliverable here) or whose selector does not match.
    /// A group message that its owner's selector does not match goes to another matching consumer without moving the
    /// group (the alternative would be to hold it until the owner leaves).
    /// </summary>
    private QueueConsumer? PickConsumer(QueueEntry entry, List<QueueConsumer> eligible)
    {
        if (entry.Message.GroupId is { } group && _groupOwners.TryGetValue(group, out var owner) && owner.Accepts(entry.Message))
        {
            return eligible.Contains(owner) && !IsExcluded(entry, owner) ? owner : null;
        }
        for (var i = 0; i < eligible.Count; i++)
        {
            var consumer = eligible[(_roundRobin + i) % eligible.Count];
            if (!IsExcluded(entry, consumer) && consumer.Accepts(entry.Message))
            {
                _roundRobin = (_roundRobin + i + 1) % Math.Max(1, eligible.Count);
                return consumer;
            }
        }
        return null;
    }

    private static bool IsExcluded(QueueEntry entry, QueueConsumer consumer) =>
        entry.ExcludedConsumers?.Contains(consumer.Id) == true;

    private void PlanExpiry(QueueEntry entry, JournalBatch batch, TurnPlan plan)
    {
        if (Settings.ExpiryAction == ExpiryAction.DeadLetter)
        {
            plan.DeadLetters.Add((entry, "expired: its time to live ran out", true));
        }
        else
        {
            batch.Removes.Add(entry.Sequence);
            plan.Discarded.Add(entry);
        }
    }

    /// <summary>Consumers that asked to drain and still have credit: the queue has nothing more for them now.</summary>
    private void CompleteDrains()
    {
        foreach (var consumer in _consumers.Values)
        {
            if (consumer.Draining)
            {
                consumer.Draining = false;
                consumer.Credit = 0;
                Notify(consumer.Observer, new ConsumerDrained(Name, consumer.Id));
            }
        }
    }

    /// <summary>Loads the next journal page into the window (paging for large backlogs).</summary>
    private async Task PageInAsync(CancellationToken cancellationToken)
    {
        while (_unloadedCount > 0 && _entries.Count < _options.MaxWindowMessages)
        {
            var want = Math.Min(_options.MaxWindowMessages - _entries.Count, 2_000);
            var page = await Context.Journal.ReadAsync(GrainId, _loadedThrough, want, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                LogPagingMismatch(_logger, Name, _unloadedCount);
                _unloadedCount = 0;
                _unloadedBytes = 0;
                _recoveredBytes = 0;
                return;
            }
            foreach (var record in page)
            {
                var message = Deserialize(record.Data);
                var entry = new QueueEntry(record.Sequence, message, AttemptsOf(record), EffectiveExpiry(message), record.DeliveryCount);
                _recentIds.Add(message.MessageId);
                AddToWindow(entry);
                // Take out in the unit it was counted in: journal record bytes for what the activation found in the
                // journal, payload bytes for what was paged out since.
                _unloadedCount = Math.Max(0, _unloadedCount - 1);
                if (record.Sequence <= _recoveredThrough)
                {
                    _recoveredBytes = Math.Max(0, _recoveredBytes - record.Data.Length);
                }
                else
                {
                    _unloadedBytes = Math.Max(0, _unloadedBytes - entry.Size);
                }
                if (_unloadedCount == 0)
                {
                    _unloadedBytes = 0;
                    _recoveredBytes = 0;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} expected {Count} more messages in its journal and found none; its count is corrected")]
    private static partial void LogPagingMismatch(ILogger logger, string queue, long count);
}
