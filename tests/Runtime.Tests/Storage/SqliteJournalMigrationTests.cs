using Microsoft.Data.Sqlite;
using Runtime.Identity;
using Runtime.Storage.AdoNet;
using Runtime.Storage.Journal;
using TestCluster.Databases;

namespace Runtime.Tests.Storage;

/// <summary>
/// A SQLite database made by the journal's first schema (the WITHOUT ROWID table), with records in it, opens under the
/// current code with every record present and stays writable. The old schema is written here as it was shipped (the
/// migration text and its <c>schema_migrations</c> row), since the code only carries the newest chain of migrations.
/// </summary>
[Trait("Category", "Storage")]
public sealed class SqliteJournalMigrationTests : IAsyncLifetime
{
    private const string Owner = "silo-a";

    private const string Version1Schema = """
        CREATE TABLE journal (
            stream_id      TEXT    NOT NULL,
            seq            INTEGER NOT NULL,
            delivery_count INTEGER NOT NULL,
            data           BLOB    NOT NULL,
            PRIMARY KEY (stream_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE journal_high_water (
            stream_id TEXT    NOT NULL PRIMARY KEY,
            seq       INTEGER NOT NULL
        );
        INSERT INTO schema_migrations (component, version, applied_at) VALUES ('Journal', 1, 0);
        """;

    private readonly SqliteTestStore _store = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task InitializeAsync_OnVersion1DatabaseWithRecords_KeepsEveryRecordAndCountAndStaysWritable()
    {
        var dialect = (SqliteDialect)_store.NewDialect();
        var grains = new AdoNetGrainStorage(dialect);
        await grains.InitializeAsync(); // creates schema_migrations too
        var streams = new[] { GrainId.Create("queue", "orders"), GrainId.Create("queue", "billing") };
        var epochs = new Dictionary<GrainId, long>();
        foreach (var stream in streams)
        {
            epochs[stream] = (await grains.TakeOwnershipAsync(stream, Owner)).Epoch;
        }
        const int perStream = 300;
        await using (var connection = new SqliteConnection($"Data Source={dialect.FilePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using (var schema = connection.CreateCommand())
            {
                schema.Transaction = transaction;
                schema.CommandText = Version1Schema;
                await schema.ExecuteNonQueryAsync();
            }
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO journal (stream_id, seq, delivery_count, data) VALUES (@s, @q, @c, @d)";
            var s = insert.Parameters.Add("@s", SqliteType.Text);
            var q = insert.Parameters.Add("@q", SqliteType.Integer);
            var c = insert.Parameters.Add("@c", SqliteType.Integer);
            var d = insert.Parameters.Add("@d", SqliteType.Blob);
            foreach (var stream in streams)
            {
                for (var seq = 1; seq <= perStream; seq++)
                {
                    s.Value = stream.ToString();
                    q.Value = seq;
                    c.Value = seq % 3;
                    d.Value = Record(stream, seq);
                    await insert.ExecuteNonQueryAsync();
                }
            }
            await using var high = connection.CreateCommand();
            high.Transaction = transaction;
            high.CommandText = "INSERT INTO journal_high_water (stream_id, seq) VALUES (@s, 400)";
            high.Parameters.AddWithValue("@s", streams[0].ToString());
            await high.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var journal = new AdoNetJournalStorage(_store.NewDialect());
        await journal.InitializeAsync();

        foreach (var stream in streams)
        {
            var records = await journal.ReadAsync(stream, 0, 10_000);
            records.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, perStream).Select(i => (long)i));
            foreach (var record in records)
            {
                record.DeliveryCount.Should().Be((int)(record.Sequence % 3));
                record.Data.ToArray().Should().Equal(Record(stream, record.Sequence));
            }
        }
        (await journal.GetSummaryAsync(streams[0])).MaxSequence.Should().Be(400);
        await using (var check = new SqliteConnection($"Data Source={dialect.FilePath};Pooling=False"))
        {
            await check.OpenAsync();
            await using var command = check.CreateCommand();
            command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
            ((string)(await command.ExecuteScalarAsync())!).Should().NotContainEquivalentOf("WITHOUT ROWID");
        }

        var batch = new JournalBatch(streams[1], epochs[streams[1]]);
        batch.Appends.Add(new JournalEntry(perStream + 1, 0, Record(streams[1], perStream + 1)));
        batch.Removes.Add(1);
        (await journal.CommitAsync([batch])).Should().Equal(true);
        (await journal.ReadAsync(streams[1], 0, 10_000)).Select(r => r.Sequence)
            .Should().Equal(Enumerable.Range(2, perStream).Select(i => (long)i));
    }

    /// <summary>About 1 KiB, different per record, so a mixed-up or truncated copy shows.</summary>
    private static byte[] Record(GrainId stream, long sequence)
    {
        var bytes = new byte[1_000 + (int)(sequence % 90)];
        var seed = HashCode.Combine(stream.ToString(), sequence);
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
