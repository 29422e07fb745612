using Runtime.Storage.Journal;

namespace Grains.Queues;

/// <summary>
/// How delivery counts survive a crash with two journal writes per message (its append and its removal at accept)
/// instead of three.
/// <para>
/// The rule to keep: before a delivery goes out, what a recovery would read back for the message must already count it,
/// so that an unsettled message comes back after a crash with its delivery count one higher than the delivery the
/// consumer saw. A recovery reads back <c>max(stored count, 1 if sequence &lt;= delivered-through mark else 0)</c>
/// (<see cref="RecoveredAttempts(int, long, long)"/>). So:
/// </para>
/// <list type="bullet">
/// <item>A first delivery writes no record. The queue raises its delivered-through mark over it instead: one small
/// per-queue value (<see cref="JournalBatch.DeliveredThrough"/>) for any number of messages, and in a publishing turn it
/// rides in the turn's own batch (<see cref="PlanPredictedDeliveries"/>), so the dispatch after the commit usually
/// commits nothing and a message costs its append and its removal only.</item>
/// <item>The mark rises only over a run of sequences in which every message still in the queue has been (or is now
/// being) handed out, so it never covers a message still waiting in line (<see cref="RaiseDeliveredThrough"/>). A first
/// delivery that cannot be covered that way (priority, message groups, scheduled messages let it overtake an older
/// waiting message) writes its count into its record as before.</item>
/// <item>A redelivery (a message back from a lost consumer, a failed delivery, a crash) writes its count into its
/// record as before: those are rare, and a count above 1 cannot be expressed by the mark.</item>
/// </list>
/// <para>
/// Where this errs, it errs towards counting a delivery that did not happen, never towards missing one that did: after
/// a crash, a message that the turn's commit expected to hand out but that the silo did not get to push, or a first
/// delivery released back unprocessed, comes back counted once. Both need a crash at that moment; without one the
/// in-memory count is exact.
/// </para>
/// </summary>
public sealed partial class QueueGrain
{
    /// <summary>The most sequences <see cref="PlanPredictedDeliveries"/> looks at in one turn.</summary>
    private const int MaxPredictedDeliveries = 10_000;

    /// <summary>What a recovery reads back as the attempts of a record.</summary>
    private static int RecoveredAttempts(int storedCount, long sequence, long deliveredThrough) =>
        Math.Max(storedCount, sequence <= deliveredThrough ? 1 : 0);

    /// <summary>What a recovery would read back for this message now (from what is committed).</summary>
    private int RecoveredAttempts(QueueEntry entry) => RecoveredAttempts(entry.StoredCount, entry.Sequence, _deliveredThrough);

    /// <summary>The attempts of a record read from the journal: what a recovery reads back for records a previous
    /// activation left, the stored count for records this activation paged out itself (it never handed them out).</summary>
    private int AttemptsOf(JournalEntry record) => record.Sequence <= _recoveredThrough
        ? RecoveredAttempts(record.DeliveryCount, record.Sequence, _deliveredThrough)
        : record.DeliveryCount;

    /// <summary>
    /// Adds to <paramref name="batch"/> what makes these deliveries count after a crash: a raised delivered-through mark
    /// for first deliveries where it can rise, the delivery count in the record for the others.
    /// </summary>
    private void PlanDeliveryCounts(List<(QueueConsumer Consumer, QueueEntry Entry)> deliveries, JournalBatch batch, TurnPlan plan)
    {
        List<QueueEntry>? firsts = null;
        foreach (var (_, entry) in deliveries)
        {
            var attempts = entry.Attempts + 1;
            if (RecoveredAttempts(entry) >= attempts)
            {
                continue; // the mark covers this first delivery already (the turn's commit raised it)
            }
            if (attempts == 1)
            {
                (firsts ??= []).Add(entry);
                continue;
            }
            batch.DeliveryCounts.Add((entry.Sequence, attempts));
            plan.StoredCounts.Add((entry, attempts));
        }
        if (firsts is null)
        {
            return;
        }
        var covered = RaiseDeliveredThrough(firsts, sequence => _entries.GetValueOrDefault(sequence), batch);
        for (var i = covered; i < firsts.Count; i++)
        {
            batch.DeliveryCounts.Add((firsts[i].Sequence, 1));
            plan.StoredCounts.Add((firsts[i], 1));
        }
    }

    /// <summary>
    /// Raises <paramref name="batch"/>'s delivered-through mark over as many of <paramref name="firsts"/> (first
    /// deliveries, sorted here) as it can: from the committed mark up, over sequences that are being delivered, gone, or
    /// already counted, stopping at the first message that has never been handed out and is not being handed out now.
    /// Returns how many of the sorted <paramref name="firsts"/> the mark covers (a prefix).
    /// </summary>
    private int RaiseDeliveredThrough(List<QueueEntry> firsts, Func<long, QueueEntry?> find, JournalBatch batch)
    {
        firsts.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        var mark = Math.Max(_deliveredThrough, batch.DeliveredThrough);
        var covered = 0;
        while (covered < firsts.Count && firsts[covered].Sequence <= mark)
        {
            covered++;
        }
        for (var sequence = mark + 1; covered < firsts.Count; sequence++)
        {
            if (firsts[covered].Sequence == sequence)
            {
                mark = sequence;
                covered++;
                continue;
            }
            if (find(sequence) is { } waiting && RecoveredAttempts(waiting) == 0)
            {
                break; // never handed out and not going now: the mark must not cover it
            }
            mark = sequence;
        }
        if (mark > _deliveredThrough && mark > batch.DeliveredThrough)
        {
            batch.DeliveredThrough = mark;
        }
        return covered;
    }

    /// <summary>
    /// Before a turn commits: the messages the dispatch right after it will hand out for the first time, as far as the
    /// consumers' credit (with the credit this turn returns) and the delivery order (priority, then sequence) tell, get
    /// the delivered-through mark in the turn's own batch. The dispatch then finds them covered and commits nothing.
    /// A prediction the dispatch does not follow costs nothing but the over-count after a crash described above; what
    /// the dispatch hands out beyond it it covers itself.
    /// </summary>
    private void PlanPredictedDeliveries(TurnPlan plan, JournalBatch batch)
    {
        var credit = Math.Min(PredictedCredit(plan), MaxPredictedDeliveries);
        if (credit == 0)
        {
            return;
        }
        var now = Now;
        var joining = new List<QueueEntry>();
        foreach (var (entry, _, _) in plan.Returned)
        {
            if (!IsScheduled(entry, now))
            {
                joining.Add(entry);
            }
        }
        var room = _unloadedCount == 0 ? _options.MaxWindowMessages - _entries.Count : 0;
        foreach (var entry in plan.NewEntries)
        {
            if (room <= 0)
            {
                break;
            }
            if (plan.Touched.Contains(entry.Sequence))
            {
                continue;
            }
            room--;
            if (!IsScheduled(entry, now))
            {
                joining.Add(entry);
            }
        }
        joining.Sort(static (a, b) => CompareDeliveryOrder(a, b));

        var firsts = new List<QueueEntry>();
        using var ready = _ready.InDeliveryOrder().GetEnumerator();
        var nextReady = NextReady(ready, plan);
        var j = 0;
        for (; credit > 0; credit--)
        {
            QueueEntry next;
            if (nextReady is not null && (j == joining.Count || CompareDeliveryOrder(nextReady, joining[j]) <= 0))
            {
                next = nextReady;
                nextReady = NextReady(ready, plan);
            }
            else if (j < joining.Count)
            {
                next = joining[j++];
            }
            else
            {
                break;
            }
            if (next.Attempts == 0 && RecoveredAttempts(next) == 0)
            {
                firsts.Add(next);
            }
        }
        if (firsts.Count > 0)
        {
            RaiseDeliveredThrough(firsts, sequence => FindAfterTurn(sequence, plan), batch);
        }
    }

    /// <summary>The credit the consumers will have once the turn is applied (only the first consumer's on an exclusive
    /// queue).</summary>
    private int PredictedCredit(TurnPlan plan)
    {
        QueueConsumer? first = null;
        foreach (var consumer in _consumers.Values)
        {
            if (first is null || consumer.AttachedOrder < first.AttachedOrder)
            {
                first = consumer;
            }
        }
        long credit = 0;
        foreach (var consumer in _consumers.Values)
        {
            if (!Settings.ExclusiveConsumer || consumer == first)
            {
                credit += Math.Max(0, consumer.Credit);
            }
        }
        foreach (var (consumerId, added) in plan.Credits)
        {
            if (_consumers.TryGetValue(consumerId, out var consumer) && (!Settings.ExclusiveConsumer || consumer == first))
            {
                credit += added;
            }
        }
        return (int)Math.Min(int.MaxValue, credit);
    }

    /// <summary>The next ready message that stays in the queue after this turn.</summary>
    private QueueEntry? NextReady(IEnumerator<long> ready, TurnPlan plan)
    {
        while (ready.MoveNext())
        {
            if (!plan.Touched.Contains(ready.Current) && _entries.TryGetValue(ready.Current, out var entry))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>The message with this sequence once the turn is applied: in the window, or appended by the turn (even
    /// one that will be paged out, which then stops the mark); null when it is gone or leaves in this turn.</summary>
    private QueueEntry? FindAfterTurn(long sequence, TurnPlan plan)
    {
        if (plan.Touched.Contains(sequence))
        {
            return null;
        }
        if (_entries.TryGetValue(sequence, out var entry))
        {
            return entry;
        }
        if (plan.NewEntries.Count > 0)
        {
            var index = sequence - plan.NewEntries[0].Sequence;
            if (index >= 0 && index < plan.NewEntries.Count)
            {
                return plan.NewEntries[(int)index];
            }
        }
        return null;
    }

    private static bool IsScheduled(QueueEntry entry, long now) => entry.Message.DeliverAt is { } deliverAt && deliverAt > now;

    /// <summary>Delivery order as <see cref="ReadyMessages"/> keeps it: higher priority first, then lower sequence.</summary>
    private static int CompareDeliveryOrder(QueueEntry a, QueueEntry b)
    {
        var byPriority = Math.Min((int)b.Message.Priority, 9).CompareTo(Math.Min((int)a.Message.Priority, 9));
        return byPriority != 0 ? byPriority : a.Sequence.CompareTo(b.Sequence);
    }
}
