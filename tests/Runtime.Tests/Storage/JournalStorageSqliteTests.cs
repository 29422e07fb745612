using TestCluster.Databases;
using Runtime.Storage;
using Runtime.Storage.AdoNet;
using Runtime.Storage.Journal;

namespace Runtime.Tests.Storage;

/// <summary>Each test has its own database file; every <see cref="CreateStores"/> call is a new dialect on it (as
/// another silo process, or a restarted one, would have).</summary>
[Trait("Category", "Storage")]
public sealed class JournalStorageSqliteTests : JournalStorageContractTests
{
    private readonly SqliteTestStore _store = new();

    protected override (IGrainStorage Grains, IJournalStorage Journal) CreateStores()
    {
        var dialect = _store.NewDialect();
        return (new AdoNetGrainStorage(dialect), new AdoNetJournalStorage(dialect));
    }

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}
