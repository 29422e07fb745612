namespace Runtime.Storage.Journal;

/// <summary>What a journal holds for a stream: record count, payload bytes, the highest sequence ever committed
/// (0 when empty; a new activation continues after it).</summary>
public sealed record JournalSummary(long Count, long Bytes, long MaxSequence);
