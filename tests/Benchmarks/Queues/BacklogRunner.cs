using System.Diagnostics;
using System.Globalization;
using Grains.Interfaces.Queues;

namespace Benchmarks.Queues;

/// <summary>
/// The backlog mode: publish N messages into one queue that has no consumer, printing the process's memory every
/// 100,000 messages (the queue keeps a window of <c>MaxWindowMessages</c> in memory and leaves the rest in the
/// journal, so memory should stay flat), then attach one consumer and drain them all, reporting the consume rate.
/// </summary>
public static class BacklogRunner
{
    private const long ReportEvery = 100_000;
    private static readonly TimeSpan _stallTimeout = TimeSpan.FromSeconds(60);

    public static async Task<BacklogResult> RunAsync(DatabaseKind kind, QueueBenchmarkOptions options, TextWriter output)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(kind).ConfigureAwait(false);
        await using var cluster = await QueueBenchmarkCluster.StartAsync(database, "bench-backlog").ConfigureAwait(false);
        var perCall = options.BacklogMessagesPerCall;
        var total = options.BacklogMessages / perCall * perCall;
        var name = "backlog-" + kind.ToString().ToLowerInvariant();
        var queue = cluster.Queue(name);
        var ledger = new DeliveryLedger("b-", total);
        var counters = new LoadCounters();
        var payload = new byte[options.PayloadBytes];
        Random.Shared.NextBytes(payload);

        var baseline = ProcessMemory.AfterFullCollection();
        output.WriteLine($"Backlog on {database.Description}: {total:N0} messages of {options.PayloadBytes:N0} B into queue '{name}' with no consumer, " +
            $"{options.Publishers} calls in flight of {perCall} messages; window {cluster.QueueOptions.MaxWindowMessages:N0} messages.");
        output.WriteLine($"  before: {baseline}");
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-8} {1,12} {2,9} {3,10} {4,8} {5,8} {6,10} {7,10}",
            "phase", "messages", "seconds", "msg/s", "RSS MB", "Heap MB", "depth", "db MB"));

        // Fill.
        var fillStart = Stopwatch.GetTimestamp();
        var publisher = new QueuePublisher([queue], [name], ledger, counters, payload, perCall);
        using var noStop = new CancellationTokenSource();
        var publishing = publisher.RunAsync(options.Publishers, null, null, noStop.Token);
        long peakFillRss = 0, peakFillHeap = 0;
        await MonitorAsync(() => counters.Confirmed + counters.PublishErrors * perCall, total, "publish", fillStart, cluster, name, database, output,
            (rss, heap) => (peakFillRss, peakFillHeap) = (Math.Max(peakFillRss, rss), Math.Max(peakFillHeap, heap)),
            publishing).ConfigureAwait(false);
        await publishing.ConfigureAwait(false);
        var fillTime = Stopwatch.GetElapsedTime(fillStart);
        var stats = await queue.CallAsync(new GetQueueStats()).ConfigureAwait(false);
        var afterFill = ProcessMemory.AfterFullCollection();
        output.WriteLine($"  filled: {counters.Confirmed:N0} confirmed in {fillTime.TotalSeconds:F1} s ({counters.Confirmed / fillTime.TotalSeconds:N0} msg/s), " +
            $"{counters.PublishErrors:N0} failed calls; queue depth {stats.Depth:N0}; after a full GC: {afterFill}");

        // Drain.
        var timingsBefore = cluster.JournalStorage.Snapshot();
        var consumer = new BenchmarkConsumer(cluster.Client, name, "drainer", ledger, counters, options.Credit);
        using var stopConsumer = new CancellationTokenSource();
        var drainStart = Stopwatch.GetTimestamp();
        await consumer.AttachAsync().ConfigureAwait(false);
        var consuming = Task.Run(() => consumer.RunAsync(stopConsumer.Token));
        long peakDrainRss = 0, peakDrainHeap = 0;
        var drained = await MonitorAsync(() => counters.Accepted, counters.Confirmed, "drain", drainStart, cluster, name, database, output,
            (rss, heap) => (peakDrainRss, peakDrainHeap) = (Math.Max(peakDrainRss, rss), Math.Max(peakDrainHeap, heap)),
            consuming).ConfigureAwait(false);
        var drainTime = Stopwatch.GetElapsedTime(drainStart);
        await Task.Delay(300).ConfigureAwait(false);
        await stopConsumer.CancelAsync().ConfigureAwait(false);
        await consuming.ConfigureAwait(false);
        await consumer.DetachAsync().ConfigureAwait(false);
        var reads = cluster.JournalStorage.Snapshot() - timingsBefore;
        var afterDrain = ProcessMemory.AfterFullCollection();
        var check = ledger.Check();
        output.WriteLine($"  drained: {counters.Accepted:N0} accepted in {drainTime.TotalSeconds:F1} s ({counters.Accepted / drainTime.TotalSeconds:N0} msg/s); " +
            $"{reads.Reads:N0} journal page reads, {reads.ReadTicks * 1000.0 / Stopwatch.Frequency / Math.Max(1, reads.Reads):F1} ms each; after a full GC: {afterDrain}");
        output.WriteLine($"  end-to-end: {(drained ? check.Verdict : "NOT DRAINED: " + check.Verdict)}" +
            (counters.FirstError is { } error ? $"; first error: {error}" : string.Empty));
        output.WriteLine();
        return new BacklogResult(kind, total, counters.Confirmed, fillTime, counters.Accepted, drainTime, baseline, afterFill, afterDrain,
            peakFillRss, peakFillHeap, peakDrainRss, peakDrainHeap, check, drained);
    }

    /// <summary>Prints a progress line every <see cref="ReportEvery"/> messages until <paramref name="progress"/> reaches
    /// <paramref name="target"/>, the work ends, or nothing moves for a minute. True when the target was reached.</summary>
    private static async Task<bool> MonitorAsync(Func<long> progress, long target, string phase, long start, QueueBenchmarkCluster cluster,
        string queueName, BenchmarkDatabase database, TextWriter output, Action<long, long> peaks, Task work)
    {
        var nextReport = ReportEvery;
        var lastCount = 0L;
        var lastTime = start;
        var seen = -1L;
        var lastMove = Stopwatch.GetTimestamp();
        while (true)
        {
            var done = progress();
            var memory = ProcessMemory.Now();
            peaks(memory.RssBytes, memory.GcHeapBytes);
            if (done >= nextReport || done >= target)
            {
                var now = Stopwatch.GetTimestamp();
                var depth = (await cluster.Queue(queueName).CallAsync(new GetQueueStats()).ConfigureAwait(false)).Depth;
                var rate = (done - lastCount) / Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds;
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-8} {1,12:N0} {2,9:F1} {3,10:N0} {4,8} {5,8} {6,10:N0} {7,10}",
                    phase, done, Stopwatch.GetElapsedTime(start, now).TotalSeconds, rate, ProcessMemory.Megabytes(memory.RssBytes),
                    ProcessMemory.Megabytes(memory.GcHeapBytes), depth, database.FileBytes is { } bytes ? ProcessMemory.Megabytes(bytes) : "-"));
                (lastCount, lastTime) = (done, now);
                while (nextReport <= done)
                {
                    nextReport += ReportEvery;
                }
            }
            if (done >= target)
            {
                return true;
            }
            if (done != seen)
            {
                (seen, lastMove) = (done, Stopwatch.GetTimestamp());
            }
            if (work.IsCompleted && progress() < target)
            {
                output.WriteLine($"  {phase} stopped at {progress():N0} of {target:N0}");
                return false;
            }
            if (Stopwatch.GetElapsedTime(lastMove) > _stallTimeout)
            {
                output.WriteLine($"  {phase} made no progress for {_stallTimeout.TotalSeconds:N0} s; stopping at {done:N0} of {target:N0}");
                return false;
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
