using Runtime.Identity;
using Runtime.Storage;

namespace Runtime.Tests.Storage;

/// <summary>
/// The <see cref="IGrainStorage"/> contract (epoch fencing), run against every implementation (one subclass each).
/// Every test uses fresh grain ids, so implementations backed by a shared database need no cleanup between tests.
/// </summary>
public abstract class GrainStorageContractTests : IAsyncLifetime
{
    private const string Owner = "silo-a";

    /// <summary>A new storage object over this test's store (as another silo, or a restarted one, would have).</summary>
    protected abstract IGrainStorage CreateStorage();

    /// <summary>Moves this test onto a store nobody has used; later <see cref="CreateStorage"/> calls use it.</summary>
    protected abstract Task UseEmptyStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TakeOwnershipAsync_NewGrain_ReturnsEpochOneAndNoState()
    {
        var storage = await InitializedStorageAsync();

        var ownership = await storage.TakeOwnershipAsync(NewGrain(), Owner);

        ownership.Should().Be(new GrainOwnership(1, 0, null));
    }

    [Fact]
    public async Task TakeOwnershipAsync_AfterWrite_ReturnsStateAndHigherEpoch()
    {
        var storage = await InitializedStorageAsync();
        var grain = NewGrain();
        var first = await storage.TakeOwnershipAsync(grain, Owner);
        (await storage.WriteStateAsync(grain, first.Epoch, new byte[] { 1, 2, 3 })).Should().BeTrue();

        var second = await storage.TakeOwnershipAsync(grain, "silo-b");

        second.Epoch.Should().BeGreaterThan(first.Epoch);
        second.Version.Should().Be(1);
        second.State.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task WriteStateAsync_OldEpochAfterNewerOwnership_ReturnsFalseAndKeepsState()
    {
        var storage = await InitializedStorageAsync();
        var grain = NewGrain();
        var stale = await storage.TakeOwnershipAsync(grain, Owner);
        (await storage.WriteStateAsync(grain, stale.Epoch, new byte[] { 1 })).Should().BeTrue();
        var current = await storage.TakeOwnershipAsync(grain, "silo-b");

        (await storage.WriteStateAsync(grain, stale.Epoch, new byte[] { 2 })).Should().BeFalse();
        (await storage.ClearStateAsync(grain, stale.Epoch)).Should().BeFalse();

        var next = await storage.TakeOwnershipAsync(grain, "silo-c");
        next.Epoch.Should().Be(current.Epoch + 1);
        next.Version.Should().Be(1);
        next.State.Should().Equal(1);
    }

    [Fact]
    public async Task WriteStateAsync_CurrentEpochTwice_KeepsLastStateAndCountsVersions()
    {
        var storage = await InitializedStorageAsync();
        var grain = NewGrain();
        var owner = await storage.TakeOwnershipAsync(grain, Owner);

        (await storage.WriteStateAsync(grain, owner.Epoch, new byte[] { 1 })).Should().BeTrue();
        (await storage.WriteStateAsync(grain, owner.Epoch, new byte[] { 2, 2 })).Should().BeTrue();

        var next = await storage.TakeOwnershipAsync(grain, Owner);
        next.Version.Should().Be(2);
        next.State.Should().Equal(2, 2);
    }

    [Fact]
    public async Task WriteStateAsync_NeverOwnedGrain_ReturnsFalse()
    {
        var storage = await InitializedStorageAsync();

        (await storage.WriteStateAsync(NewGrain(), 1, new byte[] { 1 })).Should().BeFalse();
        (await storage.ClearStateAsync(NewGrain(), 1)).Should().BeFalse();
    }

    [Fact]
    public async Task WriteStateAsync_SliceOfLargerBuffer_StoresExactlyTheSlice()
    {
        var storage = await InitializedStorageAsync();
        var buffer = new byte[] { 9, 1, 2, 3, 9 };
        var head = NewGrain();
        var middle = NewGrain();
        var headOwner = await storage.TakeOwnershipAsync(head, Owner);
        var middleOwner = await storage.TakeOwnershipAsync(middle, Owner);

        (await storage.WriteStateAsync(head, headOwner.Epoch, buffer.AsMemory(0, 2))).Should().BeTrue();
        (await storage.WriteStateAsync(middle, middleOwner.Epoch, buffer.AsMemory(1, 3))).Should().BeTrue();

        (await storage.TakeOwnershipAsync(head, Owner)).State.Should().Equal(9, 1);
        (await storage.TakeOwnershipAsync(middle, Owner)).State.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task WriteStateAsync_EmptyOrLargeState_RoundTrips()
    {
        var storage = await InitializedStorageAsync();
        var empty = NewGrain();
        var large = NewGrain();
        var data = new byte[1 << 20];
        new Random(42).NextBytes(data);

        (await storage.WriteStateAsync(empty, (await storage.TakeOwnershipAsync(empty, Owner)).Epoch, ReadOnlyMemory<byte>.Empty))
            .Should().BeTrue();
        (await storage.WriteStateAsync(large, (await storage.TakeOwnershipAsync(large, Owner)).Epoch, data)).Should().BeTrue();

        (await storage.TakeOwnershipAsync(empty, Owner)).State.Should().NotBeNull().And.BeEmpty();
        (await storage.TakeOwnershipAsync(large, Owner)).State.Should().Equal(data);
    }

    [Fact]
    public async Task ClearStateAsync_CurrentEpoch_RemovesStateAndCountsAsWrite()
    {
        var storage = await InitializedStorageAsync();
        var grain = NewGrain();
        var owner = await storage.TakeOwnershipAsync(grain, Owner);
        (await storage.WriteStateAsync(grain, owner.Epoch, new byte[] { 1 })).Should().BeTrue();

        (await storage.ClearStateAsync(grain, owner.Epoch)).Should().BeTrue();

        var next = await storage.TakeOwnershipAsync(grain, Owner);
        next.State.Should().BeNull();
        next.Version.Should().Be(2);
    }

    [Fact]
    public async Task TakeOwnershipAsync_Concurrent_GivesDistinctEpochs()
    {
        var storages = new List<IGrainStorage>();
        for (var i = 0; i < 4; i++)
        {
            storages.Add(await InitializedStorageAsync());
        }
        var grain = NewGrain();

        var results = await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(i => Task.Run(() => storages[i % storages.Count].TakeOwnershipAsync(grain, $"silo-{i}"))));

        results.Select(r => r.Epoch).Should().BeEquivalentTo(Enumerable.Range(1, 24).Select(i => (long)i));
    }

    [Fact]
    public async Task TakeOwnershipAsync_NewStorageInstance_SeesCommittedState()
    {
        var grain = NewGrain();
        var writer = await InitializedStorageAsync();
        var owner = await writer.TakeOwnershipAsync(grain, Owner);
        (await writer.WriteStateAsync(grain, owner.Epoch, new byte[] { 7, 7 })).Should().BeTrue();

        var reader = await InitializedStorageAsync();
        var next = await reader.TakeOwnershipAsync(grain, "silo-b");

        next.Should().BeEquivalentTo(new GrainOwnership(owner.Epoch + 1, 1, [7, 7]));
        (await writer.WriteStateAsync(grain, owner.Epoch, new byte[] { 8 })).Should().BeFalse();
    }

    [Fact]
    public async Task InitializeAsync_ConcurrentOnEmptyStore_CreatesSchemaOnce()
    {
        await UseEmptyStoreAsync();
        var storages = Enumerable.Range(0, 4).Select(_ => CreateStorage()).ToArray();

        await Task.WhenAll(storages.Select(s => s.InitializeAsync()));
        await storages[0].InitializeAsync();

        (await storages[1].TakeOwnershipAsync(NewGrain(), Owner)).Epoch.Should().Be(1);
    }

    private async Task<IGrainStorage> InitializedStorageAsync()
    {
        var storage = CreateStorage();
        await storage.InitializeAsync();
        return storage;
    }

    private static GrainId NewGrain() => GrainId.Create("test", Guid.NewGuid().ToString("N"));
}
