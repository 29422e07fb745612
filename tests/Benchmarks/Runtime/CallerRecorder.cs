using System.Diagnostics;

namespace Benchmarks.Runtime;

/// <summary>
/// What one caller measured: every call's latency in <see cref="Stopwatch"/> ticks, in a buffer allocated before the
/// measurement so recording allocates nothing. The caller stops when the buffer is full (the call-count bound).
/// </summary>
public sealed class CallerRecorder
{
    private readonly long[]? _latencies;
    private readonly int _limit;

    /// <param name="limit">The most calls this caller makes.</param>
    /// <param name="keepLatencies">False for the warm-up: calls are counted, latencies are not kept.</param>
    public CallerRecorder(int limit, bool keepLatencies)
    {
        _limit = limit;
        if (keepLatencies)
        {
            // Written once here so that the page faults of a fresh (large) array do not land in the measurement.
            _latencies = new long[limit];
            Array.Fill(_latencies, -1L);
        }
    }

    /// <summary>Calls that returned the expected reply.</summary>
    public int Count { get; private set; }

    /// <summary>Calls that threw or returned a wrong reply.</summary>
    public int Errors { get; private set; }

    public string? FirstError { get; private set; }

    public bool IsFull => Count + Errors >= _limit;

    public ReadOnlySpan<long> Latencies => _latencies is null ? [] : _latencies.AsSpan(0, Count);

    public void Record(long elapsedTicks)
    {
        if (_latencies is not null)
        {
            _latencies[Count] = elapsedTicks;
        }
        Count++;
    }

    public void Fail(string error)
    {
        FirstError ??= error;
        Errors++;
    }
}
