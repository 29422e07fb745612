using System.Diagnostics;
using System.Numerics;

namespace Benchmarks.Mqtt;

/// <summary>
/// Latencies in microseconds in log-linear buckets (as HdrHistogram): exact below 128 µs, then 64 buckets per power of
/// two, i.e. within 1.6 % — enough for p50/p99 and cheap enough to record every message of every subscriber. One
/// writer; <see cref="Merge"/> and the queries after the writers are done.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;
    private const int Powers = 40;

    private readonly long[] _counts = new long[Linear + (Powers * SubBuckets)];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public void RecordTicks(long ticks) => Record(ticks <= 0 ? 0 : (long)(ticks * (1_000_000.0 / Stopwatch.Frequency)));

    public void Record(long microseconds)
    {
        microseconds = Math.Max(0, microseconds);
        _counts[IndexOf(microseconds)]++;
        Count++;
        if (microseconds > MaxMicroseconds)
        {
            MaxMicroseconds = microseconds;
        }
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The value at or below which <paramref name="percentile"/> % of the samples lie (upper bucket edge,
    /// capped at the maximum); 0 without samples.</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }
        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), MaxMicroseconds);
            }
        }
        return MaxMicroseconds;
    }

    private static int IndexOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }
        var shift = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)value) - 6, Powers); // value >> shift is in [64, 128)
        var index = Linear + ((shift - 1) * SubBuckets) + (int)((value >> shift) - SubBuckets);
        return Math.Min(index, Linear + (Powers * SubBuckets) - 1);
    }

    private static long UpperEdge(int index)
    {
        if (index < Linear)
        {
            return index;
        }
        var shift = ((index - Linear) / SubBuckets) + 1;
        var sub = ((index - Linear) % SubBuckets) + SubBuckets;
        return ((long)(sub + 1) << shift) - 1;
    }
}
