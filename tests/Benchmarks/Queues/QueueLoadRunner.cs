using System.Diagnostics;
using System.Globalization;
using Runtime.Core;

namespace Benchmarks.Queues;

/// <summary>
/// Runs one row: a new database and cluster; one consumer per queue (attached with credit); publishers loading the
/// queues for the warm-up and then the measured window without a pause (only what falls inside the window counts);
/// then the publishers stop, the queues drain, and the ledger checks that every confirmed message was delivered once.
/// </summary>
public static class QueueLoadRunner
{
    /// <summary>Latencies kept per row (8 MB): ten seconds at 100,000 calls/s.</summary>
    public const int MaxLatencies = 1_000_000;

    private static readonly TimeSpan _drainTimeout = TimeSpan.FromSeconds(120);
    private static int _rows;

    public static async Task<QueueMeasurement> RunAsync(QueueScenario scenario, QueueBenchmarkOptions options)
    {
        var row = Interlocked.Increment(ref _rows);
        await using var database = await BenchmarkDatabase.CreateAsync(scenario.Database).ConfigureAwait(false);
        await using var cluster = await QueueBenchmarkCluster.StartAsync(database, $"bench-queues-{row}").ConfigureAwait(false);

        var names = new string[scenario.Queues];
        var queues = new GrainReference[scenario.Queues];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = string.Create(CultureInfo.InvariantCulture, $"bench-{row}-{i}");
            queues[i] = cluster.Queue(names[i]);
        }
        var ledger = new DeliveryLedger($"r{row}-", options.MaxMessages);
        var counters = new LoadCounters();
        var consumers = new BenchmarkConsumer[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            consumers[i] = new BenchmarkConsumer(cluster.Client, names[i], $"consumer-{i}", ledger, counters, scenario.Credit);
            await consumers[i].AttachAsync().ConfigureAwait(false);
        }
        using var stopConsumers = new CancellationTokenSource();
        var consumerLoops = consumers.Select(c => Task.Run(() => c.RunAsync(stopConsumers.Token))).ToArray();

        var payload = new byte[options.PayloadBytes];
        Random.Shared.NextBytes(payload);
        var publisher = new QueuePublisher(queues, names, ledger, counters, payload, scenario.MessagesPerCall);
        var window = new MeasureWindow();
        var latencies = new LatencyRecorder((int)Math.Min(options.MaxMessages / scenario.MessagesPerCall + scenario.Publishers, MaxLatencies));
        using var stopPublishers = new CancellationTokenSource();
        var publishing = publisher.RunAsync(scenario.Publishers, window, latencies, stopPublishers.Token);

        await Task.Delay(options.Warmup).ConfigureAwait(false);

        // The window: snapshots at both edges of everything that counts.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var sampler = new ResourceSampler();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        cluster.JournalStorage.ResetMax();
        var timingsAtStart = cluster.JournalStorage.Snapshot();
        var commitsAtStart = cluster.Journal.Commits;
        var batchesAtStart = cluster.Journal.Batches;
        var confirmedAtStart = counters.Confirmed;
        var acceptedAtStart = counters.Accepted;
        var callsAtStart = counters.PublishCalls;
        var settlesAtStart = counters.SettleCalls;
        window.Open();

        await Task.Delay(options.Duration).ConfigureAwait(false);

        window.Close();
        var confirmed = counters.Confirmed - confirmedAtStart;
        var accepted = counters.Accepted - acceptedAtStart;
        var calls = counters.PublishCalls - callsAtStart;
        var settles = counters.SettleCalls - settlesAtStart;
        var commits = cluster.Journal.Commits - commitsAtStart;
        var batches = cluster.Journal.Batches - batchesAtStart;
        var timings = cluster.JournalStorage.Snapshot() - timingsAtStart;
        var cpu = sampler.CpuPercentOfOneCore();
        var others = sampler.OthersCpuPercentOfOneCore();
        var allocatedDelta = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        var gcCounts = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        await sampler.DisposeAsync().ConfigureAwait(false);

        await stopPublishers.CancelAsync().ConfigureAwait(false);
        await publishing.ConfigureAwait(false);

        // Drain: every confirmed message accepted (then a moment more, so a late duplicate would be seen).
        var drainStart = Stopwatch.GetTimestamp();
        var drained = false;
        while (Stopwatch.GetElapsedTime(drainStart) < _drainTimeout)
        {
            if (counters.Accepted >= counters.Confirmed)
            {
                drained = true;
                break;
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
        var drainTime = Stopwatch.GetElapsedTime(drainStart);
        await Task.Delay(300).ConfigureAwait(false);
        await stopConsumers.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(consumerLoops).ConfigureAwait(false);
        foreach (var consumer in consumers)
        {
            await consumer.DetachAsync().ConfigureAwait(false);
        }

        var (p50, p99, max) = latencies.Percentiles();
        return new QueueMeasurement(scenario, window.Elapsed, confirmed, accepted, calls, settles, p50, p99, max,
            commits, batches, timings, cpu, others, allocatedDelta, gcCounts.Item1, gcCounts.Item2, gcCounts.Item3,
            sampler.PeakRssBytes, sampler.PeakGcHeapBytes, ledger.Check(), drainTime, drained,
            counters.Redelivered, counters.PublishErrors, counters.ConsumerErrors, counters.FirstError,
            cluster.LoggedErrors, publisher.HitMessageBound);
    }
}
