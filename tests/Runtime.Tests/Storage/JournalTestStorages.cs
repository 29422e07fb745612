using System.Collections.Concurrent;
using Runtime.Identity;
using Runtime.Storage.Journal;

namespace Runtime.Tests.Storage;

/// <summary>
/// A journal storage whose first <see cref="CommitAsync"/> waits for <see cref="Release"/> before going on to the real
/// storage, so a test can queue many batches behind a commit in progress (as happens under load) and know how the
/// <see cref="JournalWriter"/> grouped them.
/// </summary>
internal sealed class GatedJournalStorage : IJournalStorage
{
    private readonly IJournalStorage _inner;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<int> _groupSizes = new();
    private int _calls;

    public GatedJournalStorage(IJournalStorage inner) => _inner = inner;

    /// <summary>Completes when the first commit started (its group is taken) and is waiting for <see cref="Release"/>.</summary>
    public Task FirstCommitEntered => _entered.Task;

    /// <summary>The number of batches of each commit, in order.</summary>
    public IReadOnlyList<int> GroupSizes => [.. _groupSizes];

    public void Release() => _released.TrySetResult();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _inner.InitializeAsync(cancellationToken);

    public async Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        _groupSizes.Enqueue(batches.Count);
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _entered.TrySetResult();
            await _released.Task.ConfigureAwait(false);
        }
        return await _inner.CommitAsync(batches, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(stream, afterSequence, max, cancellationToken);

    public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default) =>
        _inner.GetSummaryAsync(stream, cancellationToken);
}

/// <summary>
/// A journal storage that applies nothing: commit number N (1-based) throws when N is in <see cref="FailingCommits"/>,
/// every other commit reports all its batches applied. The first commit can be held (<see cref="HoldFirstCommit"/>) so
/// that the next group gathers behind it.
/// </summary>
internal sealed class FakeJournalStorage : IJournalStorage
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<int> _groupSizes = new();
    private int _calls;

    public HashSet<int> FailingCommits { get; } = [];

    public bool HoldFirstCommit { get; init; }

    public Task FirstCommitEntered => _entered.Task;

    public IReadOnlyList<int> GroupSizes => [.. _groupSizes];

    public void Release() => _released.TrySetResult();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        _groupSizes.Enqueue(batches.Count);
        var call = Interlocked.Increment(ref _calls);
        if (call == 1 && HoldFirstCommit)
        {
            _entered.TrySetResult();
            await _released.Task.ConfigureAwait(false);
        }
        if (FailingCommits.Contains(call))
        {
            throw new InvalidOperationException($"storage failure in commit {call}");
        }
        return [.. batches.Select(_ => true)];
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>([]);

    public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default) =>
        Task.FromResult(new JournalSummary(0, 0, 0));
}
