using Runtime.Storage;
using Runtime.Storage.Journal;

namespace Runtime.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class JournalStorageInMemoryTests : JournalStorageContractTests
{
    private readonly InMemoryGrainStorage _grains = new();
    private readonly InMemoryJournalStorage _journal;

    public JournalStorageInMemoryTests() => _journal = new InMemoryJournalStorage(_grains);

    /// <summary>The in-memory store is the pair of instances itself (one per in-process cluster), so "another storage
    /// object over the same store" is that pair.</summary>
    protected override (IGrainStorage Grains, IJournalStorage Journal) CreateStores() => (_grains, _journal);
}
