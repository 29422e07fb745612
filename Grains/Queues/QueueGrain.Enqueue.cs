using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Runtime.Storage.Journal;

namespace Grains.Queues;

public sealed partial class QueueGrain
{
    private async Task<EnqueueResult> PlanEnqueueAsync(EnqueueMessages enqueue, JournalBatch batch, TurnPlan plan)
    {
        if (!await EnsureExistsAsync(enqueue.CreateIfMissing).ConfigureAwait(false))
        {
            return new EnqueueResult(EnqueueStatus.NotFound, 0, 0,
                $"Queue '{Name}' does not exist and auto-create is off; declare it first.");
        }
        var fresh = new List<BrokerMessage>(enqueue.Messages.Count);
        var duplicates = 0;
        foreach (var message in enqueue.Messages)
        {
            if (_recentIds.Contains(message.MessageId) || !plan.NewIds.Add(message.MessageId))
            {
                duplicates++; // a publisher's retry of a message already stored
                continue;
            }
            fresh.Add(message);
        }
        if (fresh.Count == 0)
        {
            return new EnqueueResult(EnqueueStatus.Accepted, 0, duplicates, null);
        }
        long freshBytes = 0;
        foreach (var message in fresh)
        {
            freshBytes += message.Payload.Length;
        }
        var projectedCount = Depth + plan.NewEntries.Count - plan.Accepted.Count - plan.DeadLetters.Count - plan.Discarded.Count + fresh.Count;
        var projectedBytes = Bytes + plan.NewBytes - plan.RemovedBytes + freshBytes;
        var overCount = Settings.MaxLength is { } maxLength ? projectedCount - maxLength : 0;
        var overBytes = Settings.MaxBytes is { } maxBytes ? projectedBytes - maxBytes : 0;
        if (overCount > 0 || overBytes > 0)
        {
            if (Settings.Overflow == OverflowPolicy.RejectNew || !PlanDropOldest(overCount, overBytes, plan))
            {
                foreach (var message in fresh)
                {
                    plan.NewIds.Remove(message.MessageId);
                }
                return new EnqueueResult(EnqueueStatus.QueueFull, 0, duplicates,
                    $"Queue '{Name}' is full ({Depth} messages, {Bytes} bytes; max length {Settings.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, max bytes {Settings.MaxBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
            }
        }
        var now = Now;
        foreach (var incoming in fresh)
        {
            var message = incoming.CreatedAt == 0 ? incoming.With(createdAt: now) : incoming;
            var entry = new QueueEntry(_nextSequence++, message, 0, EffectiveExpiry(message));
            batch.Appends.Add(new JournalEntry(entry.Sequence, 0, Serialize(message)));
            plan.NewEntries.Add(entry);
        }
        return new EnqueueResult(EnqueueStatus.Accepted, fresh.Count, duplicates, null);
    }

    /// <summary>Overflow "drop oldest": plans the oldest ready window messages for the dead-letter queue until the new
    /// ones fit; messages enqueued earlier in this same turn (concurrent publishes batched together) come after them.
    /// False when not enough can be dropped (the rest is in flight or paged out).</summary>
    private bool PlanDropOldest(long overCount, long overBytes, TurnPlan plan)
    {
        var candidates = new List<QueueEntry>();
        foreach (var entry in _entries.Values)
        {
            if (entry.Holder is null && !plan.Touched.Contains(entry.Sequence))
            {
                candidates.Add(entry);
            }
        }
        candidates.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        if (_unloadedCount == 0)
        {
            // Older than them all would be paged-out messages, which cannot be dropped from here.
            foreach (var entry in plan.NewEntries)
            {
                if (!plan.Touched.Contains(entry.Sequence))
                {
                    candidates.Add(entry);
                }
            }
        }
        var dropped = new List<QueueEntry>();
        foreach (var entry in candidates)
        {
            if (overCount <= 0 && overBytes <= 0)
            {
                break;
            }
            dropped.Add(entry);
            overCount--;
            overBytes -= entry.Size;
        }
        if (overCount > 0 || overBytes > 0)
        {
            return false;
        }
        foreach (var entry in dropped)
        {
            plan.Touched.Add(entry.Sequence);
            plan.DeadLetters.Add((entry, $"dropped: queue '{Name}' exceeded its length limit (overflow policy drop oldest)", false));
        }
        return true;
    }

    /// <summary>True when the queue exists, creating it on first use when allowed. The broker's own queues (sessions,
    /// temporary queues, subscriptions, dead letters) always are.</summary>
    private async Task<bool> EnsureExistsAsync(bool createIfMissing)
    {
        if (State.Exists)
        {
            return true;
        }
        if (!createIfMissing || !(_options.AutoCreate || BrokerManagedQueues.IsBrokerManaged(Name)))
        {
            return false;
        }
        State.Exists = true;
        await WriteStateAsync().ConfigureAwait(false);
        return true;
    }
}
