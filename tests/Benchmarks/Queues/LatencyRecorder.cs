using System.Diagnostics;

namespace Benchmarks.Queues;

/// <summary>
/// Every confirm latency of the measured window (publish call start to the queue's "durable" answer), in
/// <see cref="Stopwatch"/> ticks, in a buffer allocated before the run; calls beyond its capacity are counted, not kept.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly long[] _ticks;
    private int _count;

    public LatencyRecorder(int capacity) => _ticks = new long[capacity];

    public void Record(long ticks)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _ticks.Length)
        {
            _ticks[index] = ticks;
        }
    }

    /// <summary>p50, p99 and max in milliseconds (nearest rank over every kept latency).</summary>
    public (double P50, double P99, double Max) Percentiles()
    {
        var count = Math.Min(Volatile.Read(ref _count), _ticks.Length);
        if (count == 0)
        {
            return (0, 0, 0);
        }
        var sorted = _ticks.AsSpan(0, count);
        sorted.Sort();
        return (ToMilliseconds(sorted, 0.50), ToMilliseconds(sorted, 0.99), sorted[^1] * 1000.0 / Stopwatch.Frequency);
    }

    private static double ToMilliseconds(Span<long> sorted, double fraction)
    {
        var rank = Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[rank] * 1000.0 / Stopwatch.Frequency;
    }
}
