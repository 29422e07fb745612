using System.Globalization;

namespace Benchmarks.Mqtt;

/// <summary>
/// The broker process seen from outside through /proc (Linux): resident set size (VmRSS of /proc/PID/status) and CPU
/// time (utime + stime of /proc/PID/stat). Without a PID every reading is null and the columns stay empty.
/// </summary>
public sealed class BrokerMonitor
{
    /// <summary>USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux ABI the program runs on.</summary>
    private const double ClockTicksPerSecond = 100.0;

    private readonly int? _pid;

    public BrokerMonitor(int? pid) => _pid = pid;

    public int? Pid => _pid;

    /// <summary>VmRSS in bytes, or null (no PID, or the process is gone).</summary>
    public long? ResidentBytes()
    {
        if (_pid is not { } pid)
        {
            return null;
        }
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>User + system CPU seconds the broker has used so far, or null.</summary>
    public double? CpuSeconds()
    {
        if (_pid is not { } pid)
        {
            return null;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may contain spaces) start after the last ')': state is field 3,
            // utime field 14, stime field 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / ClockTicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Samples VmRSS every 200 ms until disposed; <see cref="ResourceWindow.PeakResidentBytes"/> is the largest.</summary>
    public ResourceWindow Start() => new(this);
}
