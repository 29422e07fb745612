using Npgsql;
using Runtime.Storage.AdoNet;
using TestCluster.Databases;

namespace Benchmarks.Queues;

/// <summary>
/// The database of one measured row: a new SQLite file, or a new PostgreSQL schema, so that no row inherits another's
/// tables; deleted (dropped) on dispose, after the cluster that used it is gone. The dialects are the production ones
/// (<see cref="AdoNetStorage"/>): nothing is weakened for the benchmark.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly SqliteTestStore? _sqlite;
    private readonly PostgresTestStore? _postgres;
    private string? _sqlitePath;

    private BenchmarkDatabase(DatabaseKind kind, SqliteTestStore? sqlite, PostgresTestStore? postgres, string description)
    {
        Kind = kind;
        _sqlite = sqlite;
        _postgres = postgres;
        Description = description;
    }

    public DatabaseKind Kind { get; }

    /// <summary>What the row ran on, as printed.</summary>
    public string Description { get; }

    /// <summary>Why <paramref name="kind"/> cannot run here (PostgreSQL without <c>BROKER_TEST_POSTGRES</c>), or null.</summary>
    public static string? SkipReason(DatabaseKind kind) =>
        kind == DatabaseKind.PostgreSql && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresTestStore.EnvironmentVariable))
            ? $"skipped: set {PostgresTestStore.EnvironmentVariable}"
            : null;

    public static async Task<BenchmarkDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.InMemory)
        {
            return new BenchmarkDatabase(kind, null, null, "memory (no database, nothing durable: a diagnostic)");
        }
        if (kind == DatabaseKind.Sqlite)
        {
            return new BenchmarkDatabase(kind, new SqliteTestStore(), null,
                $"SQLite, a new temporary file in {Path.GetTempPath()} (WAL, synchronous=FULL)");
        }
        var store = new PostgresTestStore();
        try
        {
            await store.UseEmptyDatabaseAsync().ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresTestStore.EnvironmentVariable));
        return new BenchmarkDatabase(kind, null, store, $"PostgreSQL {server.Host}:{server.Port}/{server.Database}, a new schema");
    }

    /// <summary>A dialect on this row's database (one per table or storage, as a silo would have).</summary>
    public IAdoNetDialect NewDialect()
    {
        if (_sqlite is not null)
        {
            var dialect = _sqlite.NewDialect();
            _sqlitePath ??= ((SqliteDialect)dialect).FilePath;
            return dialect;
        }
        return _postgres?.NewDialect() ?? throw new InvalidOperationException("The in-memory row has no database.");
    }

    /// <summary>Bytes of the SQLite file and its write-ahead log; null for PostgreSQL.</summary>
    public long? FileBytes
    {
        get
        {
            if (_sqlitePath is null)
            {
                return null;
            }
            long bytes = 0;
            foreach (var path in new[] { _sqlitePath, _sqlitePath + "-wal" })
            {
                var file = new FileInfo(path);
                if (file.Exists)
                {
                    bytes += file.Length;
                }
            }
            return bytes;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync().ConfigureAwait(false);
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }
}
