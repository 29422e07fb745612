using Runtime.Identity;

namespace Runtime.Storage.Journal;

/// <summary>
/// Per-grain append-only journals with removal (a queue's messages), in the same database as grain state, fenced by the
/// grain's epoch (<see cref="IGrainStorage.TakeOwnershipAsync"/>).
/// <list type="bullet">
/// <item><see cref="CommitAsync"/> applies many grains' batches in ONE transaction (group commit). Each batch is
/// applied only if its stream's current epoch equals the batch's epoch; the result says, per batch, whether it was
/// applied (false = the grain was fenced; nothing of that batch was written). It returns only once the transaction is
/// durable, and throws (applying nothing) on a storage failure.</item>
/// <item>Reads see committed records only.</item>
/// </list>
/// </summary>
public interface IJournalStorage
{
    /// <summary>Creates the schema if missing. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> records with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default);

    Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default);
}
