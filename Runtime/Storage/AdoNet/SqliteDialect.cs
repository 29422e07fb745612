using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite, for a single node or several silo processes on one machine.
/// <list type="bullet">
/// <item>WAL journal, so readers never block the writer nor the writer readers.</item>
/// <item><c>synchronous=FULL</c>: in WAL mode NORMAL may lose the last commits on power loss, and every write here is
/// acknowledged to someone (a fenced grain write, a membership change), so a commit must be on disk when it returns.
/// NORMAL is an opt-in (the constructor's synchronousFull false): a commit is then in the OS page cache when it returns,
/// which survives a crash of the broker process but not of the machine.</item>
/// <item>SQLite has one writer per database file. Writers of this process queue on one <see cref="SemaphoreSlim"/> per
/// file (shared by every dialect instance on that file) instead of spinning on SQLITE_BUSY; other processes are waited
/// for with <c>busy_timeout</c>, and transactions start with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default)
/// so they take the write lock up front and never fail halfway on a read-to-write upgrade.</item>
/// </list>
/// </summary>
public sealed class SqliteDialect : IAdoNetDialect
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> _writeLocks = new(StringComparer.Ordinal);

    /// <summary>Native connections (pooled by Microsoft.Data.Sqlite) that already ran <see cref="_connectionPragmas"/>.</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> _configured = new();

    private static readonly object _configuredMarker = new();

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writeLock;

    static SqliteDialect()
    {
        // Selects the bundled e_sqlite3 native library; must run before the first connection opens.
        Batteries_V2.Init();
    }

    /// <param name="path">The database file; created if missing.</param>
    /// <param name="busyTimeout">How long a statement waits for another process's write lock (default 30 s).</param>
    /// <param name="synchronousFull">True (the default): <c>synchronous=FULL</c>, a commit survives power loss; false:
    /// <c>synchronous=NORMAL</c>, a commit survives a crash of the process only.</param>
    public SqliteDialect(string path, TimeSpan? busyTimeout = null, bool synchronousFull = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(30);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds) + 5,
        }.ToString();
        // busy_timeout first, so that switching to WAL waits for other processes rather than failing.
        _connectionPragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {(synchronousFull ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON;");
        SynchronousFull = synchronousFull;
        _writeLock = _writeLocks.GetOrAdd(fullPath, static _ => new SemaphoreSlim(1, 1));
        FilePath = fullPath;
    }

    /// <summary>False when commits are made with <c>synchronous=NORMAL</c> (opt-in).</summary>
    public bool SynchronousFull { get; }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    public string Name => "Sqlite";

    public async ValueTask<DbConnectionLease> OpenAsync(bool write, CancellationToken cancellationToken)
    {
        if (write)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var handle = connection.Handle!;
            if (!_configured.TryGetValue(handle, out _))
            {
                // Per-connection settings; a pooled connection keeps them, so run them once per native handle.
                await using var command = connection.CreateCommand(_connectionPragmas);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _configured.AddOrUpdate(handle, _configuredMarker);
            }
            return new DbConnectionLease(connection, write ? _writeLock : null);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (write)
            {
                _writeLock.Release();
            }
            throw;
        }
    }

    public DbParameter CreateBlobParameter(string name, ReadOnlyMemory<byte> value)
    {
        var parameter = new SqliteParameter(name, SqliteType.Blob);
        // Microsoft.Data.Sqlite binds byte[] only; bind the caller's array without a copy when the slice starts at 0
        // (Size limits how many bytes are bound; 0 would mean "all", hence the empty case goes to the copy branch).
        if (MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count > 0)
        {
            parameter.Value = segment.Array;
            parameter.Size = segment.Count;
        }
        else
        {
            parameter.Value = value.ToArray();
        }
        return parameter;
    }

    public DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <summary>Closes this file's pooled connections (so the file can be deleted or moved).</summary>
    public ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
