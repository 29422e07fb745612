namespace Benchmarks.Queues;

/// <summary>The figures of one row's measured window, and the end-to-end check after it drained.</summary>
public sealed record QueueMeasurement(
    QueueScenario Scenario,
    TimeSpan Elapsed,
    long Confirmed,
    long Accepted,
    long PublishCalls,
    long SettleCalls,
    double P50Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    long JournalCommits,
    long JournalBatches,
    JournalTimings Journal,
    double CpuPercent,
    double OthersCpuPercent,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    long PeakRssBytes,
    long PeakGcHeapBytes,
    LedgerCheck Check,
    TimeSpan DrainTime,
    bool Drained,
    long Redelivered,
    long PublishErrors,
    long ConsumerErrors,
    string? FirstError,
    int LoggedErrors,
    bool HitMessageBound)
{
    public double InPerSecond => Confirmed / Elapsed.TotalSeconds;

    public double OutPerSecond => Accepted / Elapsed.TotalSeconds;

    /// <summary>What went through: the lower of in and out (a queue that only fills is not "through").</summary>
    public double ThroughPerSecond => Math.Min(InPerSecond, OutPerSecond);

    /// <summary>Grain batches per journal transaction (the group-commit factor).</summary>
    public double GroupCommitFactor => JournalCommits == 0 ? 0 : (double)JournalBatches / JournalCommits;

    public double MessagesPerCommit => JournalCommits == 0 ? 0 : (double)Confirmed / JournalCommits;

    public double BytesPerMessage => Confirmed == 0 ? 0 : (double)AllocatedBytes / Confirmed;
}
