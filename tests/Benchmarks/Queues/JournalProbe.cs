using System.Diagnostics;
using System.Globalization;
using Runtime.Identity;
using Runtime.Storage.AdoNet;
using Runtime.Storage.Journal;

namespace Benchmarks.Queues;

/// <summary>
/// The <c>journal</c> mode: the journal storage alone (no grains, no messaging), committing serially as the silo's
/// writer does, in the shapes the queue rows produce: one stream with many rows per transaction (one busy queue), and
/// many streams with one row each (many quiet queues). Each message costs three journal rows in its life (append,
/// delivery-count update before it is pushed, remove on accept), so the rows/s this prints, divided by three, is the
/// most messages/s the journal layer could carry in that shape, whatever the grains above it do.
/// </summary>
public static class JournalProbe
{
    private static readonly (int Streams, int RowsPerStream)[] _shapes =
        [(1, 16), (1, 64), (1, 300), (16, 1), (36, 1), (100, 1), (100, 10)];

    public static async Task RunAsync(DatabaseKind kind, QueueBenchmarkOptions options, TextWriter output)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(kind).ConfigureAwait(false);
        var grainStorage = new AdoNetGrainStorage(database.NewDialect());
        await grainStorage.InitializeAsync().ConfigureAwait(false);
        var journal = new AdoNetJournalStorage(database.NewDialect());
        await journal.InitializeAsync().ConfigureAwait(false);
        var payload = new byte[options.PayloadBytes + 60]; // about a serialized 1 KiB BrokerMessage
        Random.Shared.NextBytes(payload);

        var streams = new (GrainId Id, long Epoch)[_shapes.Max(s => s.Streams)];
        for (var i = 0; i < streams.Length; i++)
        {
            var id = GrainId.Create("queue", string.Create(CultureInfo.InvariantCulture, $"probe-{i}"));
            streams[i] = (id, (await grainStorage.TakeOwnershipAsync(id, "probe").ConfigureAwait(false)).Epoch);
        }
        output.WriteLine($"Journal storage alone on {database.Description}: serial transactions, {payload.Length:N0} B records");
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-26} {1,10} {2,10} {3,10} {4,10} {5,11} {6,12}",
            "shape (per transaction)", "append ms", "count ms", "remove ms", "rows/s", "msg/s (/3)", "per batch us"));
        var next = new long[streams.Length];
        foreach (var (streamCount, rows) in _shapes)
        {
            // About two seconds per shape, and at least 20 rounds.
            var rounds = 0;
            long appendTicks = 0, countTicks = 0, removeTicks = 0;
            var start = Stopwatch.GetTimestamp();
            while (rounds < 20 || Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(2))
            {
                var appends = new List<JournalBatch>(streamCount);
                var counts = new List<JournalBatch>(streamCount);
                var removes = new List<JournalBatch>(streamCount);
                for (var s = 0; s < streamCount; s++)
                {
                    var (id, epoch) = streams[s];
                    var append = new JournalBatch(id, epoch);
                    var count = new JournalBatch(id, epoch);
                    var remove = new JournalBatch(id, epoch);
                    for (var r = 0; r < rows; r++)
                    {
                        var sequence = ++next[s];
                        append.Appends.Add(new JournalEntry(sequence, 0, payload));
                        count.DeliveryCounts.Add((sequence, 1));
                        remove.Removes.Add(sequence);
                    }
                    appends.Add(append);
                    counts.Add(count);
                    removes.Add(remove);
                }
                appendTicks += await TimeAsync(journal, appends).ConfigureAwait(false);
                countTicks += await TimeAsync(journal, counts).ConfigureAwait(false);
                removeTicks += await TimeAsync(journal, removes).ConfigureAwait(false);
                rounds++;
            }
            var totalSeconds = (appendTicks + countTicks + removeTicks) / (double)Stopwatch.Frequency;
            var rowsPerSecond = 3.0 * rounds * streamCount * rows / totalSeconds;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-26} {1,10:F2} {2,10:F2} {3,10:F2} {4,10:N0} {5,11:N0} {6,12:F0}",
                $"{streamCount} stream{(streamCount == 1 ? "" : "s")} x {rows} row{(rows == 1 ? "" : "s")}",
                Milliseconds(appendTicks, rounds), Milliseconds(countTicks, rounds), Milliseconds(removeTicks, rounds),
                rowsPerSecond, rowsPerSecond / 3, totalSeconds * 1e6 / (3.0 * rounds * streamCount)));
        }
        output.WriteLine("  (ms: mean time of one transaction carrying that shape's appends, delivery-count updates or removes;");
        output.WriteLine("   per batch us: transaction time divided by the grain batches in it.)");
        output.WriteLine();
    }

    private static async Task<long> TimeAsync(AdoNetJournalStorage journal, List<JournalBatch> batches)
    {
        var start = Stopwatch.GetTimestamp();
        var applied = await journal.CommitAsync(batches).ConfigureAwait(false);
        if (Array.IndexOf(applied, false) >= 0)
        {
            throw new InvalidOperationException("A probe batch was fenced.");
        }
        return Stopwatch.GetTimestamp() - start;
    }

    private static double Milliseconds(long ticks, int rounds) => ticks * 1000.0 / Stopwatch.Frequency / rounds;
}
