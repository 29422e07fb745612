using System.Globalization;

namespace Benchmarks.Mqtt;

/// <summary>Prints <see cref="WorkloadResult"/>s for people (a table) and for the comparison script (a TSV line of
/// key=value pairs per workload, appended to <c>--results FILE</c>).</summary>
public static class MqttResultTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteHeader(TextWriter output)
    {
        output.WriteLine($"{"workload",-14} {"in msg/s",10} {"out msg/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} " +
            $"{"delivered/expected",21} {"lost",7} {"dup",7} {"RSS MB",7} {"brokerCPU",9} {"loadCPU",8} {"otherCPU",8}");
    }

    public static void WriteRow(TextWriter output, WorkloadResult r)
    {
        var latency = r.Latency.Count > 0;
        output.WriteLine(string.Create(Invariant,
            $"{r.Workload,-14} {r.InRate,10:N0} {r.OutRate,10:N0} {Ms(r.Latency.Percentile(50), latency),8} {Ms(r.Latency.Percentile(99), latency),8} " +
            $"{Ms(r.Latency.MaxMicroseconds, latency),8} {$"{r.Delivered:N0}/{r.Expected:N0}",21} {r.Lost,7:N0} {r.Duplicates,7:N0} " +
            $"{(r.PeakRssBytes is { } rss ? (rss / 1048576.0).ToString("N0", Invariant) : "-"),7} " +
            $"{(r.BrokerCpuSeconds is { } cpu && r.Elapsed > TimeSpan.Zero ? $"{cpu / r.Elapsed.TotalSeconds * 100:N0}%" : "-"),9} " +
            $"{(r.Elapsed > TimeSpan.Zero ? $"{r.OwnCpuSeconds / r.Elapsed.TotalSeconds * 100:N0}%" : "-"),8} " +
            $"{(r.OtherCpuSeconds is { } other && r.Elapsed > TimeSpan.Zero ? $"{other / r.Elapsed.TotalSeconds * 100:N0}%" : "-"),8}"));
        if (r.Extra.Count > 0)
        {
            output.WriteLine($"{"",14} {string.Join("  ", r.Extra.Select(e => $"{e.Key}={e.Value}"))}");
        }
        if (r.Error is not null)
        {
            output.WriteLine($"{"",14} ERROR: {r.Error}");
        }
    }

    /// <summary>One line: label, workload, then key=value pairs (latencies in µs, RSS in bytes, CPU in seconds).</summary>
    public static string ToTsv(string label, WorkloadResult r)
    {
        var fields = new List<string>
        {
            label,
            r.Workload,
            F("in_rate", r.InRate.ToString("F1", Invariant)),
            F("out_rate", r.OutRate.ToString("F1", Invariant)),
            F("published", r.Published),
            F("acknowledged", r.Acknowledged?.ToString(Invariant) ?? ""),
            F("received", r.Received),
            F("expected", r.Expected),
            F("delivered", r.Delivered),
            F("lost", r.Lost),
            F("duplicates", r.Duplicates),
            F("latency_samples", r.Latency.Count),
            F("p50_us", r.Latency.Percentile(50)),
            F("p99_us", r.Latency.Percentile(99)),
            F("max_us", r.Latency.MaxMicroseconds),
            F("peak_rss_bytes", r.PeakRssBytes?.ToString(Invariant) ?? ""),
            F("broker_cpu_s", r.BrokerCpuSeconds?.ToString("F2", Invariant) ?? ""),
            F("load_cpu_s", r.OwnCpuSeconds.ToString("F2", Invariant)),
            F("other_cpu_s", r.OtherCpuSeconds?.ToString("F2", Invariant) ?? ""),
            F("elapsed_s", r.Elapsed.TotalSeconds.ToString("F2", Invariant)),
        };
        foreach (var (key, value) in r.Extra)
        {
            fields.Add(F(key, value));
        }
        if (r.Error is not null)
        {
            fields.Add(F("error", r.Error.Replace('\t', ' ').Replace('\n', ' ')));
        }
        return string.Join('\t', fields);
    }

    private static string F(string key, string value) => $"{key}={value}";

    private static string F(string key, long value) => $"{key}={value.ToString(Invariant)}";

    private static string Ms(long microseconds, bool any) => any ? (microseconds / 1000.0).ToString(microseconds < 10_000 ? "N2" : "N0", Invariant) : "-";
}
