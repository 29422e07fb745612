namespace Benchmarks.Queues;

/// <summary>What the backlog mode measured: fill and drain rates, memory before, during and after, the end-to-end check.</summary>
public sealed record BacklogResult(
    DatabaseKind Database,
    long Target,
    long Confirmed,
    TimeSpan FillTime,
    long Accepted,
    TimeSpan DrainTime,
    ProcessMemory Before,
    ProcessMemory AfterFill,
    ProcessMemory AfterDrain,
    long PeakFillRssBytes,
    long PeakFillHeapBytes,
    long PeakDrainRssBytes,
    long PeakDrainHeapBytes,
    LedgerCheck Check,
    bool Drained)
{
    public double FillPerSecond => Confirmed / FillTime.TotalSeconds;

    public double DrainPerSecond => Accepted / DrainTime.TotalSeconds;
}
