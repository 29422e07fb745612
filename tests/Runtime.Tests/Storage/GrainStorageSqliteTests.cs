using TestCluster.Databases;
using Runtime.Storage;
using Runtime.Storage.AdoNet;

namespace Runtime.Tests.Storage;

public sealed class GrainStorageSqliteTests : GrainStorageContractTests
{
    private readonly SqliteTestStore _store = new();

    protected override IGrainStorage CreateStorage() => new AdoNetGrainStorage(_store.NewDialect());

    protected override Task UseEmptyStoreAsync()
    {
        _store.UseEmptyDatabase();
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}
