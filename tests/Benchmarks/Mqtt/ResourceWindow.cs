using System.Diagnostics;

namespace Benchmarks.Mqtt;

/// <summary>One workload's view of the broker and of this program: peak RSS, CPU used by each.</summary>
public sealed class ResourceWindow : IAsyncDisposable
{
    private readonly BrokerMonitor _monitor;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly double? _brokerCpuAtStart;
    private readonly TimeSpan _ownCpuAtStart;
    private readonly double? _machineCpuAtStart;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private long _peak;

    public ResourceWindow(BrokerMonitor monitor)
    {
        _monitor = monitor;
        _brokerCpuAtStart = monitor.CpuSeconds();
        _ownCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _machineCpuAtStart = MachineCpu.BusySeconds();
        _peak = monitor.ResidentBytes() ?? 0;
        _sampling = SampleAsync();
    }

    public long? PeakResidentBytes => _monitor.Pid is null ? null : Interlocked.Read(ref _peak);

    /// <summary>Broker CPU seconds since the window opened.</summary>
    public double? BrokerCpuSeconds => _monitor.CpuSeconds() is { } now && _brokerCpuAtStart is { } start ? now - start : null;

    /// <summary>Load program CPU seconds since the window opened.</summary>
    public double OwnCpuSeconds => (Process.GetCurrentProcess().TotalProcessorTime - _ownCpuAtStart).TotalSeconds;

    /// <summary>CPU seconds used by every other process of the machine since the window opened (needs the broker's PID).</summary>
    public double? OtherCpuSeconds => MachineCpu.BusySeconds() is { } now && _machineCpuAtStart is { } start && BrokerCpuSeconds is { } broker
        ? Math.Max(0, now - start - broker - OwnCpuSeconds)
        : null;

    public TimeSpan Elapsed => _elapsed.Elapsed;

    private async Task SampleAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(200, _stop.Token).ConfigureAwait(false);
                if (_monitor.ResidentBytes() is { } rss && rss > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, rss);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }
}
