using Runtime.Storage;

namespace Runtime.Tests.Storage;

public sealed class GrainStorageInMemoryTests : GrainStorageContractTests
{
    private InMemoryGrainStorage _storage = new();

    /// <summary>The in-memory store is the instance itself (one per in-process cluster), so "another storage object over
    /// the same store" is that instance.</summary>
    protected override IGrainStorage CreateStorage() => _storage;

    protected override Task UseEmptyStoreAsync()
    {
        _storage = new InMemoryGrainStorage();
        return Task.CompletedTask;
    }
}
