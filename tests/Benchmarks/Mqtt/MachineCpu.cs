using System.Globalization;

namespace Benchmarks.Mqtt;

/// <summary>
/// CPU time of the whole machine from /proc/stat (Linux): busy = user + nice + system + irq + softirq + steal. With
/// the broker's and the load program's own CPU subtracted it shows what other processes took during a workload — a
/// noise indicator on a shared machine.
/// </summary>
public static class MachineCpu
{
    private const double ClockTicksPerSecond = 100.0; // USER_HZ

    /// <summary>Busy CPU seconds of all cores since boot, or null when /proc/stat cannot be read.</summary>
    public static double? BusySeconds()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            foreach (var index in (int[])[1, 2, 3, 6, 7, 8])
            {
                if (index < fields.Length)
                {
                    busy += long.Parse(fields[index], CultureInfo.InvariantCulture);
                }
            }
            return busy / ClockTicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
