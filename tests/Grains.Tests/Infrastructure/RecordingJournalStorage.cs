using System.Collections.Concurrent;
using Runtime.Identity;
using Runtime.Storage.Journal;

namespace Grains.Tests.Infrastructure;

/// <summary>A journal storage that records what every committed batch wrote (counts of each kind of change), then
/// hands the commit to the real storage.</summary>
internal sealed class RecordingJournalStorage : IJournalStorage
{
    private readonly IJournalStorage _inner;
    private readonly ConcurrentQueue<RecordedBatch> _batches = new();

    public RecordingJournalStorage(IJournalStorage inner) => _inner = inner;

    /// <summary>Every batch of every commit so far, in commit order.</summary>
    public IReadOnlyList<RecordedBatch> Batches => [.. _batches];

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _inner.InitializeAsync(cancellationToken);

    public async Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        var applied = await _inner.CommitAsync(batches, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            _batches.Enqueue(new RecordedBatch(batch.Stream, applied[i], batch.Appends.Count, [.. batch.DeliveryCounts],
                batch.Removes.Count, batch.DeliveredThrough));
        }
        return applied;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(stream, afterSequence, max, cancellationToken);

    public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default) =>
        _inner.GetSummaryAsync(stream, cancellationToken);
}
