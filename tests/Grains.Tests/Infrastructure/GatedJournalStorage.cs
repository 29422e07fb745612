using System.Collections.Concurrent;
using Runtime.Identity;
using Runtime.Storage.Journal;

namespace Grains.Tests.Infrastructure;

/// <summary>
/// A journal storage whose commits a test can hold (they wait, as on a slow fsync) and then let through or fail (as on
/// a storage error), recording which batches each commit carried, in commit order.
/// </summary>
internal sealed class GatedJournalStorage : IJournalStorage
{
    private readonly IJournalStorage _inner;
    private readonly ConcurrentQueue<IReadOnlyList<(GrainId Stream, long[] Appends, long[] Removes, long DeliveredThrough, bool Applied)>> _commits = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource<Exception?>? _gate;
    private int _waiting;

    public GatedJournalStorage(IJournalStorage inner) => _inner = inner;

    /// <summary>Every commit that reached the storage (held or not, failed ones excluded), in order, with its batches.</summary>
    public IReadOnlyList<IReadOnlyList<(GrainId Stream, long[] Appends, long[] Removes, long DeliveredThrough, bool Applied)>> Commits => [.. _commits];

    /// <summary>Commits that are waiting at the gate now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>From now on commits wait until <see cref="Release"/> or <see cref="Fail"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _gate ??= new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the waiting commits (and every later one) through.</summary>
    public void Release() => Open(null);

    /// <summary>Fails the waiting commits with <paramref name="error"/> (nothing of them is written); later ones go through.</summary>
    public void Fail(Exception error) => Open(error);

    private void Open(Exception? error)
    {
        TaskCompletionSource<Exception?>? gate;
        lock (_lock)
        {
            gate = _gate;
            _gate = null;
        }
        gate?.TrySetResult(error);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _inner.InitializeAsync(cancellationToken);

    public async Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        Task<Exception?>? gate;
        lock (_lock)
        {
            gate = _gate?.Task;
        }
        if (gate is not null)
        {
            Interlocked.Increment(ref _waiting);
            Exception? error;
            try
            {
                error = await gate.ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
            if (error is not null)
            {
                throw error;
            }
        }
        var applied = await _inner.CommitAsync(batches, cancellationToken).ConfigureAwait(false);
        _commits.Enqueue([.. batches.Select((b, i) => (b.Stream, b.Appends.Select(a => a.Sequence).ToArray(), b.Removes.ToArray(), b.DeliveredThrough, applied[i]))]);
        return applied;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(stream, afterSequence, max, cancellationToken);

    public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default) =>
        _inner.GetSummaryAsync(stream, cancellationToken);
}
