using Runtime.Identity;

namespace Runtime.Storage.Journal;

/// <summary>
/// A silo's journal as grains see it: <see cref="CommitAsync"/> joins the silo's next group commit and completes when
/// that transaction is durable (true) or when the grain was fenced (false).
/// </summary>
public interface IJournal
{
    Task<bool> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default);

    Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default);
}
