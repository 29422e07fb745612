using TestCluster.Databases;
using Runtime.Storage;
using Runtime.Storage.AdoNet;

namespace Runtime.Tests.Storage;

/// <summary>Needs <c>BROKER_TEST_POSTGRES</c> (./test.sh sets it); fails, never skips, without it.</summary>
public sealed class GrainStoragePostgreSqlTests : GrainStorageContractTests
{
    private readonly PostgresTestStore _store = new();

    protected override IGrainStorage CreateStorage() => new AdoNetGrainStorage(_store.NewDialect());

    protected override Task UseEmptyStoreAsync() => _store.UseEmptyDatabaseAsync();

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}
