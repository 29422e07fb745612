using System.Diagnostics;

namespace Benchmarks.Queues;

/// <summary>Samples the process's memory every quarter second while a window is measured and keeps the peaks; also
/// the CPU time this process and the machine's other processes used over the window.</summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _cpuAtStart;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly MachineCpu? _machine = MachineCpu.Start();
    private long _peakRss;
    private long _peakHeap;

    public ResourceSampler()
    {
        using (var process = Process.GetCurrentProcess())
        {
            _cpuAtStart = process.TotalProcessorTime;
        }
        _loop = Task.Run(SampleAsync);
    }

    public long PeakRssBytes => Interlocked.Read(ref _peakRss);

    public long PeakGcHeapBytes => Interlocked.Read(ref _peakHeap);

    /// <summary>CPU time of the whole process since the sampler started, as a share of one core (200% = both cores of
    /// this machine busy).</summary>
    public double CpuPercentOfOneCore()
    {
        using var process = Process.GetCurrentProcess();
        var wall = Stopwatch.GetElapsedTime(_startTimestamp);
        return wall <= TimeSpan.Zero ? 0 : (process.TotalProcessorTime - _cpuAtStart) / wall * 100;
    }

    /// <summary>CPU time of the machine's other processes since the sampler started, in percent of one core.</summary>
    public double OthersCpuPercentOfOneCore() => _machine?.OthersPercentOfOneCore() ?? 0;

    private async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = ProcessMemory.Now();
                Interlocked.Exchange(ref _peakRss, Math.Max(_peakRss, now.RssBytes));
                Interlocked.Exchange(ref _peakHeap, Math.Max(_peakHeap, now.GcHeapBytes));
                await Task.Delay(250, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
