using TestCluster.Databases;
using Microsoft.Data.Sqlite;
using Runtime.Storage.AdoNet;
using SQLitePCL;

namespace Runtime.Tests.Storage;

/// <summary>The SQLite settings the storage's durability and concurrency arguments rest on.</summary>
public sealed class SqliteDialectTests : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("journal_mode", "wal")]
    [InlineData("synchronous", "2")] // FULL: a commit is on disk when it returns, also in WAL mode
    [InlineData("busy_timeout", "30000")]
    [InlineData("foreign_keys", "1")]
    public async Task OpenAsync_AnyConnection_HasPragma(string pragma, string expected)
    {
        var dialect = _store.NewDialect();
        foreach (var write in new[] { true, false })
        {
            await using var lease = await dialect.OpenAsync(write, default);
            await using var command = lease.Connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma}";

            Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)
                .Should().Be(expected);
        }
    }

    [Fact]
    public async Task BeginTransactionAsync_OnWriteLease_TakesTheWriteLockAtBegin()
    {
        // BEGIN IMMEDIATE: a transaction never fails halfway on a read-to-write lock upgrade (SQLITE_BUSY).
        var dialect = (SqliteDialect)_store.NewDialect();
        await using var lease = await dialect.OpenAsync(write: true, default);

        await using var transaction = await lease.Connection.BeginTransactionAsync();

        // Another process (a connection outside the dialect) cannot start writing while the transaction is open.
        await using var other = new SqliteConnection($"Data Source={dialect.FilePath};Pooling=False");
        await other.OpenAsync();
        await using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.CommandTimeout = 1;
        var attempt = () => begin.ExecuteNonQueryAsync();
        (await attempt.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(raw.SQLITE_BUSY);
    }

    [Fact]
    public async Task OpenAsync_WriteLeaseHeld_QueuesTheNextWriterOfTheSameFile()
    {
        var first = _store.NewDialect();
        var second = _store.NewDialect(); // another dialect (another silo of this process) on the same file
        var held = await first.OpenAsync(write: true, default);

        var next = second.OpenAsync(write: true, default).AsTask();
        var read = await second.OpenAsync(write: false, default); // readers do not queue

        next.IsCompleted.Should().BeFalse();
        await read.DisposeAsync();
        await held.DisposeAsync();
        await using var acquired = await next.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
