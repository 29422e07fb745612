using System.Globalization;

namespace Benchmarks.Queues;

/// <summary>The options of the <c>queues</c> benchmark.</summary>
public sealed class QueueBenchmarkOptions
{
    public const string Usage =
        "[--mode throughput|backlog|journal|all (throughput)] [--db sqlite|postgres|both|memory (both)] [--queues 1,100] [--per-call 1,10] " +
        "[--seconds N (10)] [--warmup N (3)] [--publishers N (64)] [--credit N (2000)] [--max-messages N (4000000)] " +
        "[--repeat N (1)] [--wait-quiet PERCENT (off)] [--backlog N (1000000)] [--backlog-per-call N (10)] [--payload BYTES (1024)]";

    public bool Throughput { get; private init; } = true;

    public bool Backlog { get; private init; }

    /// <summary>The journal storage alone, in the queue rows' shapes (<see cref="JournalProbe"/>).</summary>
    public bool JournalProbe { get; private init; }

    public IReadOnlyList<DatabaseKind> Databases { get; private init; } = [DatabaseKind.Sqlite, DatabaseKind.PostgreSql];

    /// <summary>Queue counts, one row each (publishers spread their calls over the queues in turn).</summary>
    public IReadOnlyList<int> QueueCounts { get; private init; } = [1, 100];

    /// <summary>Messages per enqueue call, one row each: 1 is an MQTT QoS 1 publisher; 10 a batching AMQP sender.</summary>
    public IReadOnlyList<int> MessagesPerCall { get; private init; } = [1, 10];

    /// <summary>How long each row is measured, after <see cref="Warmup"/>.</summary>
    public TimeSpan Duration { get; private init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before the window opens: activations, connections, tiered JIT and the database settle.</summary>
    public TimeSpan Warmup { get; private init; } = TimeSpan.FromSeconds(3);

    /// <summary>Enqueue calls in flight (publish loops awaiting one call each).</summary>
    public int Publishers { get; private init; } = 64;

    /// <summary>Each consumer's credit: deliveries it may hold unsettled.</summary>
    public int Credit { get; private init; } = 2_000;

    /// <summary>The most messages one row publishes (warm-up included): bounds the run and the ledger (2 bytes a message).</summary>
    public long MaxMessages { get; private init; } = 4_000_000;

    /// <summary>Runs of each row; with more than one, the summary keeps each row's best run (on a shared machine, the
    /// least disturbed one) and prints the spread.</summary>
    public int Repeat { get; private init; } = 1;

    /// <summary>Before each row, wait (up to five minutes) until the machine's other processes use less than this share
    /// of one core; null = do not wait.</summary>
    public double? WaitQuietPercent { get; private init; }

    /// <summary>Messages the backlog mode publishes with no consumer before draining them.</summary>
    public long BacklogMessages { get; private init; } = 1_000_000;

    public int BacklogMessagesPerCall { get; private init; } = 10;

    public int PayloadBytes { get; private init; } = 1024;

    /// <summary>Parses the arguments after the benchmark name; null and <paramref name="error"/> when they are wrong.</summary>
    public static QueueBenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new QueueBenchmarkOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"Option '{name}' needs a value.";
                return null;
            }
            var value = args[++i];
            QueueBenchmarkOptions? next = name switch
            {
                "--mode" => value switch
                {
                    "throughput" => options.With(throughput: true, backlog: false, journal: false),
                    "backlog" => options.With(throughput: false, backlog: true, journal: false),
                    "journal" => options.With(throughput: false, backlog: false, journal: true),
                    "all" => options.With(throughput: true, backlog: true, journal: true),
                    _ => null,
                },
                "--db" => value switch
                {
                    "sqlite" => new QueueBenchmarkOptions(options) { Databases = [DatabaseKind.Sqlite] },
                    "postgres" => new QueueBenchmarkOptions(options) { Databases = [DatabaseKind.PostgreSql] },
                    "both" => new QueueBenchmarkOptions(options) { Databases = [DatabaseKind.Sqlite, DatabaseKind.PostgreSql] },
                    "memory" => new QueueBenchmarkOptions(options) { Databases = [DatabaseKind.InMemory] },
                    _ => null,
                },
                "--queues" => TryParseList(value, 1, 10_000) is { } counts ? new QueueBenchmarkOptions(options) { QueueCounts = counts } : null,
                "--per-call" => TryParseList(value, 1, 1_000) is { } sizes ? new QueueBenchmarkOptions(options) { MessagesPerCall = sizes } : null,
                "--seconds" => TryParseSeconds(value) is { } seconds ? new QueueBenchmarkOptions(options) { Duration = seconds } : null,
                "--warmup" => TryParseSeconds(value) is { } seconds ? new QueueBenchmarkOptions(options) { Warmup = seconds } : null,
                "--publishers" => TryParse(value, 1, 10_000) is { } n ? new QueueBenchmarkOptions(options) { Publishers = (int)n } : null,
                "--credit" => TryParse(value, 1, 100_000) is { } n ? new QueueBenchmarkOptions(options) { Credit = (int)n } : null,
                "--max-messages" => TryParse(value, 1_000, int.MaxValue / 2) is { } n ? new QueueBenchmarkOptions(options) { MaxMessages = n } : null,
                "--wait-quiet" => TryParse(value, 1, 200) is { } n ? new QueueBenchmarkOptions(options) { WaitQuietPercent = n } : null,
                "--repeat" => TryParse(value, 1, 100) is { } n ? new QueueBenchmarkOptions(options) { Repeat = (int)n } : null,
                "--backlog" => TryParse(value, 1_000, int.MaxValue / 2) is { } n ? new QueueBenchmarkOptions(options) { BacklogMessages = n } : null,
                "--backlog-per-call" => TryParse(value, 1, 1_000) is { } n ? new QueueBenchmarkOptions(options) { BacklogMessagesPerCall = (int)n } : null,
                "--payload" => TryParse(value, 0, 16 * 1024 * 1024) is { } n ? new QueueBenchmarkOptions(options) { PayloadBytes = (int)n } : null,
                _ => null,
            };
            if (next is null)
            {
                error = name.StartsWith("--", StringComparison.Ordinal) && Usage.Contains("[" + name + " ", StringComparison.Ordinal)
                    ? $"Option '{name}' has a bad value '{value}'."
                    : $"Unknown option '{name}'.";
                return null;
            }
            options = next;
        }
        return options;
    }

    private QueueBenchmarkOptions()
    {
    }

    private QueueBenchmarkOptions(QueueBenchmarkOptions other)
    {
        Throughput = other.Throughput;
        Backlog = other.Backlog;
        JournalProbe = other.JournalProbe;
        Databases = other.Databases;
        QueueCounts = other.QueueCounts;
        MessagesPerCall = other.MessagesPerCall;
        Duration = other.Duration;
        Warmup = other.Warmup;
        Publishers = other.Publishers;
        Credit = other.Credit;
        MaxMessages = other.MaxMessages;
        Repeat = other.Repeat;
        WaitQuietPercent = other.WaitQuietPercent;
        BacklogMessages = other.BacklogMessages;
        BacklogMessagesPerCall = other.BacklogMessagesPerCall;
        PayloadBytes = other.PayloadBytes;
    }

    private QueueBenchmarkOptions With(bool throughput, bool backlog, bool journal) =>
        new(this) { Throughput = throughput, Backlog = backlog, JournalProbe = journal };

    private static long? TryParse(string text, long min, long max) =>
        long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value >= min && value <= max ? value : null;

    private static int[]? TryParseList(string text, int min, int max)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (TryParse(parts[i], min, max) is not { } value)
            {
                return null;
            }
            values[i] = (int)value;
        }
        return values.Length == 0 ? null : values;
    }

    private static TimeSpan? TryParseSeconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
