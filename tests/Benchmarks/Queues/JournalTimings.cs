using System.Diagnostics;

namespace Benchmarks.Queues;

/// <summary>Totals of a <see cref="TimedJournalStorage"/> at one instant; subtract two for a window.</summary>
public readonly record struct JournalTimings(
    long Commits, long CommitTicks, long MaxCommitTicks, long Appends, long DeliveryCounts, long Removes,
    long Batches, long CountOnlyBatches, long Reads, long ReadTicks)
{
    public static JournalTimings operator -(JournalTimings end, JournalTimings start) => new(
        end.Commits - start.Commits, end.CommitTicks - start.CommitTicks, end.MaxCommitTicks,
        end.Appends - start.Appends, end.DeliveryCounts - start.DeliveryCounts, end.Removes - start.Removes,
        end.Batches - start.Batches, end.CountOnlyBatches - start.CountOnlyBatches, end.Reads - start.Reads, end.ReadTicks - start.ReadTicks);

    /// <summary>Share of the grain batches that only set delivery counts: the commit a dispatch makes before it pushes.</summary>
    public double CountOnlyShare => Batches == 0 ? 0 : (double)CountOnlyBatches / Batches;

    public double MeanCommitMilliseconds => Commits == 0 ? 0 : CommitTicks * 1000.0 / Stopwatch.Frequency / Commits;

    public double MaxCommitMilliseconds => MaxCommitTicks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Rows written per transaction (appends + delivery-count updates + removes).</summary>
    public double RowsPerCommit => Commits == 0 ? 0 : (double)(Appends + DeliveryCounts + Removes) / Commits;

    /// <summary>The share of <paramref name="elapsed"/> the journal writer spent inside a commit (its loop is serial, so
    /// near 100% means the writer is the bottleneck).</summary>
    public double BusyFraction(TimeSpan elapsed) => elapsed <= TimeSpan.Zero ? 0 : CommitTicks / (double)Stopwatch.Frequency / elapsed.TotalSeconds;
}
