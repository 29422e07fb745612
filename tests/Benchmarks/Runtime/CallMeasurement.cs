using System.Diagnostics;

namespace Benchmarks.Runtime;

/// <summary>The figures of one scenario's measured phase.</summary>
public sealed record CallMeasurement(
    CallScenario Scenario,
    long Calls,
    long Errors,
    string? FirstError,
    bool HitCallBound,
    TimeSpan Elapsed,
    double P50Microseconds,
    double P99Microseconds,
    double MaxMicroseconds,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    TimeSpan GcPause)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>Process-wide allocation during the phase divided by the calls (includes the silos' background work,
    /// which is small next to the calls).</summary>
    public double BytesPerCall => Calls == 0 ? 0 : (double)AllocatedBytes / Calls;

    /// <summary>Builds the figures from the callers' recorders; sorts every latency (exact percentiles, nearest rank).</summary>
    public static CallMeasurement From(CallScenario scenario, IReadOnlyList<CallerRecorder> recorders, TimeSpan elapsed,
        long allocatedBytes, int gen0, int gen1, int gen2, TimeSpan gcPause)
    {
        long calls = 0;
        long errors = 0;
        string? firstError = null;
        var hitBound = false;
        foreach (var recorder in recorders)
        {
            calls += recorder.Count;
            errors += recorder.Errors;
            firstError ??= recorder.FirstError;
            hitBound |= recorder.IsFull;
        }
        var all = new long[calls];
        var offset = 0;
        foreach (var recorder in recorders)
        {
            recorder.Latencies.CopyTo(all.AsSpan(offset));
            offset += recorder.Count;
        }
        Array.Sort(all);
        return new CallMeasurement(scenario, calls, errors, firstError, hitBound, elapsed,
            Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : ToMicroseconds(all[^1]),
            allocatedBytes, gen0, gen1, gen2, gcPause);
    }

    private static double Percentile(long[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }
        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return ToMicroseconds(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    private static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
