using System.Diagnostics;
using System.Globalization;

namespace Benchmarks.Queues;

/// <summary>
/// How busy the machine's other processes are (Linux): all CPU time from <c>/proc/stat</c> minus this process's own,
/// as a share of one core. On a shared machine this tells a disturbed row from a clean one far better than the load
/// average, and lets a run wait for the others to go quiet first.
/// </summary>
public sealed class MachineCpu
{
    private readonly long _machineTicksAtStart;
    private readonly TimeSpan _ownAtStart;
    private readonly long _startTimestamp;

    private MachineCpu(long machineTicks, TimeSpan own)
    {
        _machineTicksAtStart = machineTicks;
        _ownAtStart = own;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts measuring now; null when <c>/proc/stat</c> cannot be read.</summary>
    public static MachineCpu? Start() => ReadBusyTicks() is { } ticks ? new MachineCpu(ticks, OwnCpu()) : null;

    /// <summary>CPU time of every other process since <see cref="Start"/>, in percent of one core.</summary>
    public double OthersPercentOfOneCore()
    {
        var wall = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        if (wall <= 0 || ReadBusyTicks() is not { } ticks)
        {
            return 0;
        }
        var machineSeconds = (ticks - _machineTicksAtStart) / 100.0; // USER_HZ is 100 on Linux
        var ownSeconds = (OwnCpu() - _ownAtStart).TotalSeconds;
        return Math.Max(0, machineSeconds - ownSeconds) / wall * 100;
    }

    /// <summary>Waits until the other processes used less than <paramref name="maxPercent"/> of one core over three
    /// seconds, or <paramref name="timeout"/> passed; returns their last share.</summary>
    public static async Task<double> WaitForQuietAsync(double maxPercent, TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (Start() is not { } cpu)
            {
                return 0;
            }
            await Task.Delay(3000).ConfigureAwait(false);
            var others = cpu.OthersPercentOfOneCore();
            if (others < maxPercent || Stopwatch.GetElapsedTime(start) > timeout)
            {
                return others;
            }
        }
    }

    private static TimeSpan OwnCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The machine's busy jiffies: the first line of /proc/stat less idle and iowait.</summary>
    private static long? ReadBusyTicks()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is null || fields.Length < 8 || fields[0] != "cpu")
            {
                return null;
            }
            long busy = 0;
            for (var i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                if (i is 4 or 5)
                {
                    continue; // idle, iowait
                }
                busy += long.Parse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            return busy;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
