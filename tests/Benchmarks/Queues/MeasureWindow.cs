using System.Diagnostics;

namespace Benchmarks.Queues;

/// <summary>The measured interval of a row, in <see cref="Stopwatch"/> timestamps: load runs continuously, and only
/// what starts and ends inside the window is recorded.</summary>
public sealed class MeasureWindow
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public void Open() => Volatile.Write(ref _start, Stopwatch.GetTimestamp());

    public void Close() => Volatile.Write(ref _end, Stopwatch.GetTimestamp());

    public bool Contains(long start, long end) => start >= Volatile.Read(ref _start) && end <= Volatile.Read(ref _end);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start, _end);
}
