namespace Grains.Queues;

/// <summary>
/// In-memory changes of one queue turn, applied only after the turn's journal batch is durable, so that a failed
/// commit leaves the queue's memory as it was.
/// </summary>
internal sealed class TurnPlan
{
    public List<QueueEntry> NewEntries { get; } = [];

    public HashSet<string> NewIds { get; } = new(StringComparer.Ordinal);

    public List<QueueEntry> Accepted { get; } = [];

    public List<(QueueEntry Entry, int Attempts, string? ExcludeConsumer)> Returned { get; } = [];

    /// <summary>To the dead-letter queue (or discarded when there is none); <c>Expired</c> tells expiry from rejection.</summary>
    public List<(QueueEntry Entry, string Reason, bool Expired)> DeadLetters { get; } = [];

    /// <summary>Expired and discarded (expiry action Discard).</summary>
    public List<QueueEntry> Discarded { get; } = [];

    /// <summary>Credit to add to consumers once the turn is durable (settles that move an in-flight window on).</summary>
    public List<(string ConsumerId, int Credit)> Credits { get; } = [];

    /// <summary>Delivery counts this turn's batch writes into journal records, for <see cref="QueueEntry.StoredCount"/>
    /// once it is durable.</summary>
    public List<(QueueEntry Entry, int Count)> StoredCounts { get; } = [];

    /// <summary>Entries already given an outcome in this turn (a second settle of the same tag is ignored).</summary>
    public HashSet<long> Touched { get; } = [];

    /// <summary>Payload bytes leaving the queue in this turn (accepted, dead-lettered, discarded).</summary>
    public long RemovedBytes
    {
        get
        {
            long bytes = 0;
            foreach (var entry in Accepted)
            {
                bytes += entry.Size;
            }
            foreach (var (entry, _, _) in DeadLetters)
            {
                bytes += entry.Size;
            }
            foreach (var entry in Discarded)
            {
                bytes += entry.Size;
            }
            return bytes;
        }
    }

    public long NewBytes
    {
        get
        {
            long bytes = 0;
            foreach (var entry in NewEntries)
            {
                bytes += entry.Size;
            }
            return bytes;
        }
    }
}
