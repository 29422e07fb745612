namespace Runtime.Storage.Journal;

/// <summary>What a journal holds for a stream: record count, record bytes, the highest sequence ever committed
/// (0 when empty; a new activation continues after it), and the highest delivered-through mark ever committed
/// (<see cref="JournalBatch.DeliveredThrough"/>; 0 when never set).</summary>
public sealed record JournalSummary(long Count, long Bytes, long MaxSequence, long DeliveredThrough = 0);
