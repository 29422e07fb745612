using System.Globalization;

namespace Benchmarks.Queues;

/// <summary>
/// <c>queues</c>: durable publish-with-confirm and consume-and-accept through queue grains, 1 KiB messages, on SQLite
/// and PostgreSQL, with 1 queue and with 100 queues; messages/s in and out, confirm latency, the journal's group-commit
/// factor, memory, and an end-to-end exactly-once check by message id. The backlog mode publishes a large backlog with
/// no consumer (memory should stay flat) and drains it. One silo in process; publishers and consumers use the cluster
/// client over loopback TCP, as a gateway does.
/// </summary>
public sealed class QueueBenchmark : IBenchmarkProgram
{
    public string Name => "queues";

    public string Description => "durable queues: publish-with-confirm + consume-and-accept msg/s, confirm latency, group commit; backlog memory";

    public string Options => QueueBenchmarkOptions.Usage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = QueueBenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{error}\nUsage: queues {QueueBenchmarkOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        output.WriteLine("Durable queue benchmark");
        MachineInfo.Print(output);
        output.WriteLine($"Settings: {options.PayloadBytes:N0} B messages; {options.Warmup.TotalSeconds:0.###} s warm-up, then " +
            $"{options.Duration.TotalSeconds:0.###} s measured per row; at most {options.MaxMessages:N0} messages per row; " +
            $"{options.Publishers} enqueue calls in flight; one consumer per queue with credit {options.Credit}");
        output.WriteLine("Cluster:  1 silo in this process (membership in memory, grain state and journal in the row's database),");
        output.WriteLine("          cluster client over loopback TCP for publishers and consumers; default QueueGrainOptions and JournalWriterOptions.");
        output.WriteLine();

        var results = new List<QueueMeasurement>();
        var spreads = new List<string>();
        if (options.Throughput)
        {
            QueueResultTable.WriteMainHeader(output);
            foreach (var database in options.Databases)
            {
                if (BenchmarkDatabase.SkipReason(database) is { } reason)
                {
                    output.WriteLine($"{QueueScenario.Label(database),-10} {reason}");
                    continue;
                }
                foreach (var queues in options.QueueCounts)
                {
                    foreach (var perCall in options.MessagesPerCall)
                    {
                        var scenario = new QueueScenario(database, queues, perCall, options.Publishers, options.Credit);
                        var runs = new List<QueueMeasurement>(options.Repeat);
                        for (var run = 0; run < options.Repeat; run++)
                        {
                            if (options.WaitQuietPercent is { } quiet)
                            {
                                await MachineCpu.WaitForQuietAsync(quiet, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
                            }
                            var result = await QueueLoadRunner.RunAsync(scenario, options).ConfigureAwait(false);
                            runs.Add(result);
                            QueueResultTable.WriteMainRow(output, result);
                        }
                        var best = runs.MaxBy(r => r.ThroughPerSecond)!;
                        results.Add(best);
                        if (runs.Count > 1)
                        {
                            spreads.Add(string.Create(CultureInfo.InvariantCulture,
                                $"{scenario.DatabaseLabel,-10} {scenario.ShapeLabel,-24} through msg/s over {runs.Count} runs: " +
                                $"{string.Join(", ", runs.Select(r => r.ThroughPerSecond.ToString("N0", CultureInfo.InvariantCulture)))}"));
                        }
                    }
                }
            }
            if (options.Repeat > 1 && results.Count > 0)
            {
                output.WriteLine();
                output.WriteLine($"Best of {options.Repeat} runs per row (the least disturbed on a shared machine)");
                QueueResultTable.WriteMainHeader(output);
                foreach (var result in results)
                {
                    QueueResultTable.WriteMainRow(output, result);
                }
                output.WriteLine();
                foreach (var spread in spreads)
                {
                    output.WriteLine(spread);
                }
            }
            if (results.Count > 0)
            {
                output.WriteLine();
                output.WriteLine(options.Repeat > 1 ? "Where the time went (the best runs)" : "Where the time went");
                QueueResultTable.WriteBreakdownHeader(output);
                foreach (var result in results)
                {
                    QueueResultTable.WriteBreakdownRow(output, result);
                }
                output.WriteLine();
                QueueResultTable.WriteLegend(output);
            }
            output.WriteLine();
        }

        if (options.JournalProbe)
        {
            foreach (var database in options.Databases)
            {
                if (BenchmarkDatabase.SkipReason(database) is { } reason)
                {
                    output.WriteLine($"Journal probe on PostgreSQL {reason}");
                    continue;
                }
                if (database == DatabaseKind.InMemory)
                {
                    continue; // the probe measures a database
                }
                await JournalProbe.RunAsync(database, options, output).ConfigureAwait(false);
            }
        }

        if (options.Backlog)
        {
            foreach (var database in options.Databases)
            {
                if (BenchmarkDatabase.SkipReason(database) is { } reason)
                {
                    output.WriteLine($"Backlog on PostgreSQL {reason}");
                    continue;
                }
                if (database == DatabaseKind.InMemory)
                {
                    output.WriteLine("Backlog in memory: skipped (the in-memory journal holds the whole backlog in memory by design)");
                    continue;
                }
                var backlog = await BacklogRunner.RunAsync(database, options, output).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Backlog summary ({backlog.Database}): {backlog.Confirmed:N0} messages; fill {backlog.FillPerSecond:N0} msg/s, " +
                    $"drain {backlog.DrainPerSecond:N0} msg/s; RSS before {ProcessMemory.Megabytes(backlog.Before.RssBytes)} MB, " +
                    $"peak while filling {ProcessMemory.Megabytes(backlog.PeakFillRssBytes)} MB, while draining {ProcessMemory.Megabytes(backlog.PeakDrainRssBytes)} MB; " +
                    $"GC heap after a full GC: before {ProcessMemory.Megabytes(backlog.Before.GcHeapBytes)} MB, full {ProcessMemory.Megabytes(backlog.AfterFill.GcHeapBytes)} MB, " +
                    $"drained {ProcessMemory.Megabytes(backlog.AfterDrain.GcHeapBytes)} MB; {(backlog.Drained ? backlog.Check.Verdict : "NOT DRAINED")}"));
                output.WriteLine();
            }
        }
        return 0;
    }
}
