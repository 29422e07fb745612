using Runtime.Identity;

namespace Runtime.Storage.Journal;

/// <summary>
/// A silo's journal as grains see it: <see cref="CommitAsync"/> joins the silo's next group commit and completes when
/// that transaction is durable (true) or when the grain was fenced (false).
/// </summary>
public interface IJournal
{
    Task<bool> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands <paramref name="batch"/> to the group commits without waiting for its commit: once the returned
    /// <see cref="ValueTask{TResult}"/> completes, the batch is queued behind every batch handed in before it, so a
    /// batch a grain hands in later lands in the same commit (applied after it) or a later one. The inner task
    /// completes as <see cref="CommitAsync"/>'s does. The caller awaits the outer one before handing in its next batch.
    /// </summary>
    ValueTask<Task<bool>> EnqueueAsync(JournalBatch batch, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default);

    Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default);
}
