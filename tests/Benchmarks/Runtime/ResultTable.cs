using System.Globalization;

namespace Benchmarks.Runtime;

/// <summary>Formats measurements as a plain-text table (one row per scenario).</summary>
public static class ResultTable
{
    private const string RowFormat = "{0,-34} {1,-29} {2,10} {3,10} {4,9} {5,9} {6,10} {7,8} {8,9} {9,9}";

    public static void WriteHeader(TextWriter output)
    {
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat,
            "Path", "Callers -> grains", "Calls", "Calls/s", "p50 us", "p99 us", "max us", "B/call", "GC 0/1/2", "GC ms"));
        output.WriteLine(new string('-', 34 + 29 + 10 + 10 + 9 + 9 + 10 + 8 + 9 + 9 + 9));
    }

    public static void WriteRow(TextWriter output, CallMeasurement m)
    {
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat,
            m.Scenario.PathLabel,
            m.Scenario.ShapeLabel,
            m.Calls.ToString("N0", CultureInfo.InvariantCulture),
            m.CallsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            m.P50Microseconds.ToString("F1", CultureInfo.InvariantCulture),
            m.P99Microseconds.ToString("F1", CultureInfo.InvariantCulture),
            m.MaxMicroseconds.ToString("F1", CultureInfo.InvariantCulture),
            m.BytesPerCall.ToString("F0", CultureInfo.InvariantCulture),
            $"{m.Gen0Collections}/{m.Gen1Collections}/{m.Gen2Collections}",
            m.GcPause.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));
        if (m.Errors > 0)
        {
            output.WriteLine($"    {m.Errors} calls failed; first: {m.FirstError}");
        }
        if (m.HitCallBound)
        {
            output.WriteLine("    stopped early: a caller used up its share of --max-calls");
        }
    }

    public static void Write(TextWriter output, IReadOnlyList<CallMeasurement> measurements)
    {
        WriteHeader(output);
        foreach (var measurement in measurements)
        {
            WriteRow(output, measurement);
        }
    }
}
