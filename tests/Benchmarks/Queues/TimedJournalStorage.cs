using System.Diagnostics;
using Runtime.Identity;
using Runtime.Storage.Journal;

namespace Benchmarks.Queues;

/// <summary>
/// Wraps the silo's <see cref="IJournalStorage"/> to time where the journal's time goes: every group commit's duration
/// (open, fence read, statements, COMMIT with its fsync) and the rows it wrote, and every page read. Adds two
/// timestamps per call; changes nothing of what is written.
/// </summary>
public sealed class TimedJournalStorage : IJournalStorage
{
    private readonly IJournalStorage _inner;
    private long _commits;
    private long _commitTicks;
    private long _maxCommitTicks;
    private long _appends;
    private long _deliveryCounts;
    private long _removes;
    private long _batches;
    private long _countOnlyBatches;
    private long _reads;
    private long _readTicks;

    public TimedJournalStorage(IJournalStorage inner) => _inner = inner;

    public JournalTimings Snapshot() => new(
        Interlocked.Read(ref _commits), Interlocked.Read(ref _commitTicks), Interlocked.Read(ref _maxCommitTicks),
        Interlocked.Read(ref _appends), Interlocked.Read(ref _deliveryCounts), Interlocked.Read(ref _removes),
        Interlocked.Read(ref _batches), Interlocked.Read(ref _countOnlyBatches), Interlocked.Read(ref _reads), Interlocked.Read(ref _readTicks));

    /// <summary>Starts a new maximum (the maximum is kept since the last reset, the other figures since the start).</summary>
    public void ResetMax() => Interlocked.Exchange(ref _maxCommitTicks, 0);

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _inner.InitializeAsync(cancellationToken);

    public async Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var applied = await _inner.CommitAsync(batches, cancellationToken).ConfigureAwait(false);
        var ticks = Stopwatch.GetTimestamp() - start;
        long appends = 0, counts = 0, removes = 0, countOnly = 0;
        foreach (var batch in batches)
        {
            appends += batch.Appends.Count;
            counts += batch.DeliveryCounts.Count;
            removes += batch.Removes.Count;
            if (batch.Appends.Count == 0 && batch.Removes.Count == 0 && (batch.DeliveryCounts.Count > 0 || batch.DeliveredThrough > 0))
            {
                countOnly++; // a dispatch making attempts recoverable (counts or the delivered-through mark) before it pushes
            }
        }
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _commitTicks, ticks);
        Interlocked.Add(ref _appends, appends);
        Interlocked.Add(ref _deliveryCounts, counts);
        Interlocked.Add(ref _removes, removes);
        Interlocked.Add(ref _batches, batches.Count);
        Interlocked.Add(ref _countOnlyBatches, countOnly);
        var max = Interlocked.Read(ref _maxCommitTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxCommitTicks, ticks, max);
            if (seen == max)
            {
                break;
            }
            max = seen;
        }
        return applied;
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var page = await _inner.ReadAsync(stream, afterSequence, max, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _reads);
        Interlocked.Add(ref _readTicks, Stopwatch.GetTimestamp() - start);
        return page;
    }

    public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default) =>
        _inner.GetSummaryAsync(stream, cancellationToken);
}
