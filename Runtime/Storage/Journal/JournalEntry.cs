namespace Runtime.Storage.Journal;

/// <summary>One record of a grain's journal (e.g. one queued message): its sequence number within the stream, a mutable
/// delivery count kept apart so redeliveries do not rewrite the record, and the record's bytes.</summary>
public sealed record JournalEntry(long Sequence, int DeliveryCount, ReadOnlyMemory<byte> Data);
