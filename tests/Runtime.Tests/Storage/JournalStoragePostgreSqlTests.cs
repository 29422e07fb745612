using TestCluster.Databases;
using Runtime.Storage;
using Runtime.Storage.AdoNet;
using Runtime.Storage.Journal;

namespace Runtime.Tests.Storage;

/// <summary>Needs <c>BROKER_TEST_POSTGRES</c> (./test.sh sets it); fails, never skips, without it. Each test runs in a
/// schema of its own, so the journal's migrations run on an empty database every time.</summary>
[Trait("Category", "Storage")]
public sealed class JournalStoragePostgreSqlTests : JournalStorageContractTests
{
    private readonly PostgresTestStore _store = new();

    protected override (IGrainStorage Grains, IJournalStorage Journal) CreateStores()
    {
        var dialect = _store.NewDialect();
        return (new AdoNetGrainStorage(dialect), new AdoNetJournalStorage(dialect));
    }

    protected override async Task RefreshStatisticsAsync()
    {
        await using var lease = await _store.NewDialect().OpenAsync(write: true, default);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "ANALYZE journal";
        await command.ExecuteNonQueryAsync();
    }

    public override Task InitializeAsync() => _store.UseEmptyDatabaseAsync();

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}
