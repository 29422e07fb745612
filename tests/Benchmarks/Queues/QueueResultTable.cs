using System.Globalization;

namespace Benchmarks.Queues;

/// <summary>Formats the rows: the figures against the issue's targets, then where the time went.</summary>
public static class QueueResultTable
{
    private const string MainFormat = "{0,-10} {1,-24} {2,9} {3,9} {4,16} {5,7} {6,7} {7,7} {8,7} {9,7} {10,8} {11,-14}";
    private const string BreakdownFormat = "{0,-10} {1,-24} {2,9} {3,7} {4,7} {5,7} {6,7} {7,6} {8,6} {9,6} {10,6} {11,7} {12,7} {13,10} {14,7}";

    public static void WriteMainHeader(TextWriter output)
    {
        output.WriteLine(Format(MainFormat, "Database", "Shape", "In msg/s", "Out msg/s", "Target (met?)", "p50 ms", "p99 ms", "max ms",
            "Batch/C", "RSS MB", "Heap MB", "End-to-end"));
        output.WriteLine(new string('-', 145));
    }

    public static void WriteMainRow(TextWriter output, QueueMeasurement m)
    {
        var target = m.Scenario.Target is { } t
            ? $">={t.ToString("N0", CultureInfo.InvariantCulture)} ({(m.ThroughPerSecond >= t ? "yes" : "NO")})"
            : "-";
        output.WriteLine(Format(MainFormat,
            m.Scenario.DatabaseLabel,
            m.Scenario.ShapeLabel,
            N0(m.InPerSecond),
            N0(m.OutPerSecond),
            target,
            F(m.P50Milliseconds, 1),
            F(m.P99Milliseconds, 1),
            F(m.MaxMilliseconds, 1),
            F(m.GroupCommitFactor, 2),
            ProcessMemory.Megabytes(m.PeakRssBytes),
            ProcessMemory.Megabytes(m.PeakGcHeapBytes),
            m.Drained ? m.Check.Verdict : "NOT DRAINED: " + m.Check.Verdict));
        if (m.PublishErrors > 0 || m.ConsumerErrors > 0)
        {
            output.WriteLine($"    {m.PublishErrors:N0} publish and {m.ConsumerErrors:N0} consumer errors; first: {m.FirstError}");
        }
        if (m.LoggedErrors > 0)
        {
            output.WriteLine($"    the silo logged {m.LoggedErrors} errors");
        }
        if (m.Redelivered > 0 || m.Check.UnconfirmedDelivered > 0)
        {
            output.WriteLine($"    {m.Redelivered:N0} redeliveries, {m.Check.UnconfirmedDelivered:N0} delivered without a confirm");
        }
        if (m.HitMessageBound)
        {
            output.WriteLine("    stopped early: the run used up --max-messages");
        }
    }

    public static void WriteBreakdownHeader(TextWriter output)
    {
        output.WriteLine(Format(BreakdownFormat, "Database", "Shape", "Commits/s", "Msg/C", "Rows/C", "ms/C", "maxC ms", "Busy %",
            "Bat/m", "Disp%", "CPU %", "Set/s", "B/msg", "GC 0/1/2", "Others%"));
        output.WriteLine(new string('-', 145));
    }

    public static void WriteBreakdownRow(TextWriter output, QueueMeasurement m)
    {
        output.WriteLine(Format(BreakdownFormat,
            m.Scenario.DatabaseLabel,
            m.Scenario.ShapeLabel,
            N0(m.JournalCommits / m.Elapsed.TotalSeconds),
            F(m.MessagesPerCommit, 1),
            F(m.Journal.RowsPerCommit, 1),
            F(m.Journal.MeanCommitMilliseconds, 2),
            F(m.Journal.MaxCommitMilliseconds, 1),
            N0(m.Journal.BusyFraction(m.Elapsed) * 100),
            F(m.Confirmed == 0 ? 0 : (double)m.Journal.Batches / m.Confirmed, 2),
            N0(m.Journal.CountOnlyShare * 100),
            N0(m.CpuPercent),
            N0(m.SettleCalls / m.Elapsed.TotalSeconds),
            N0(m.BytesPerMessage),
            $"{m.Gen0}/{m.Gen1}/{m.Gen2}",
            N0(m.OthersCpuPercent)));
    }

    public static void WriteLegend(TextWriter output)
    {
        string[] lines =
        [
            "In: messages confirmed durable per second. Out: deliveries accepted (settle durable) per second. Target: the",
            "issue's figure for msg/s through (the lower of in and out). p50/p99/max: confirm latency of one enqueue call.",
            "Batch/C: grain batches per journal transaction (JournalWriter.Batches / Commits, the group-commit factor).",
            "RSS / Heap: peaks during the window (GC heap as of the last collection) of the whole process: silo, client,",
            "publishers, consumers, and the benchmark's own buffers (2 B a message of --max-messages, up to 8 MB of latencies).",
            "End-to-end: after draining, every confirmed MessageId delivered exactly once, or the missing / duplicate counts.",
            "Breakdown: journal commits per second; confirmed messages and journal rows (appends + delivery-count updates",
            "+ removes) per commit; mean and max commit time (open, fence, statements, COMMIT + fsync); Busy: share of the",
            "window the journal writer spent committing (its loop is serial); Bat/m: grain journal batches per confirmed",
            "message; Disp%: share of those batches that only persist delivery counts (a dispatch before it pushes); CPU:",
            "process CPU time, 100% = one core; Set/s: settle calls per second (each with its credit); B/msg: bytes allocated",
            "per confirmed message (whole process); GC collections in the window; Others%: CPU the machine's other processes",
            "used during the window (100% = one of the 2 cores taken from the benchmark: the row is disturbed).",
        ];
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    private static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
