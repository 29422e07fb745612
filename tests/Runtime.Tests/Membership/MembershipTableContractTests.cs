using Runtime.Identity;
using Runtime.Membership;

namespace Runtime.Tests.Membership;

/// <summary>
/// The <see cref="IMembershipTable"/> contract, run against every implementation (one subclass each). Each test uses
/// its own cluster id, so implementations backed by a shared database need no cleanup between tests.
/// </summary>
public abstract class MembershipTableContractTests : IAsyncLifetime
{
    private static long _lastPort = 20_000;

    protected string ClusterId { get; } = $"test-{Guid.NewGuid():N}";

    /// <summary>A new table object for <paramref name="clusterId"/> over this test's store: tables created for the same
    /// cluster id see the same rows (as the silos of one cluster do).</summary>
    protected abstract IMembershipTable CreateTable(string clusterId);

    /// <summary>Moves this test onto a store nobody has used (new file, schema or instance); later
    /// <see cref="CreateTable"/> calls use it.</summary>
    protected abstract Task UseEmptyStoreAsync();

    /// <summary>Lets the table's clock move forward by at least <paramref name="by"/>.</summary>
    protected abstract Task AdvanceClockAsync(TimeSpan by);

    /// <summary>The table's clock as the test can know it, and how far the table may differ from it.</summary>
    protected abstract DateTimeOffset ExpectedNow { get; }

    protected abstract TimeSpan ClockTolerance { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task InitializeAsync_CalledAgain_KeepsVersionAndRows()
    {
        var table = await InitializedTableAsync();
        (await table.InsertRowAsync(NewEntry(), (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();

        await table.InitializeAsync();
        await CreateTable(ClusterId).InitializeAsync();

        var data = await table.ReadAllAsync();
        data.Version.Version.Should().Be(1);
        data.Entries.Should().ContainSingle();
    }

    [Fact]
    public async Task InitializeAsync_ConcurrentOnEmptyStore_CreatesSchemaOnce()
    {
        await UseEmptyStoreAsync();
        var tables = Enumerable.Range(0, 4).Select(_ => CreateTable(ClusterId)).ToArray();

        await Task.WhenAll(tables.Select(t => t.InitializeAsync()));

        var data = await tables[0].ReadAllAsync();
        data.Version.Version.Should().Be(0);
        (await tables[1].InsertRowAsync(NewEntry(), data.Version.Next())).Should().BeTrue();
        (await tables[2].ReadAllAsync()).Entries.Should().ContainSingle();
    }

    [Fact]
    public async Task InsertRowAsync_CurrentVersion_RoundTripsFieldsAndAdvancesVersion()
    {
        var table = await InitializedTableAsync();
        var empty = await table.ReadAllAsync();
        empty.Entries.Should().BeEmpty();
        empty.Version.Version.Should().Be(0);
        var entry = NewEntry(SiloStatus.Joining);

        (await table.InsertRowAsync(entry, empty.Version.Next())).Should().BeTrue();

        var data = await table.ReadAllAsync();
        data.Version.Version.Should().Be(1);
        var (read, etag) = data.Entries.Should().ContainSingle().Subject;
        read.Silo.Should().Be(entry.Silo);
        read.Silo.Generation.Should().BeGreaterThan(int.MaxValue);
        read.SiloName.Should().Be(entry.SiloName);
        read.Status.Should().Be(SiloStatus.Joining);
        read.StartTime.Should().BeCloseTo(ExpectedNow, ClockTolerance, "the table's clock replaces the silo's start time");
        read.IAmAliveTime.Should().Be(read.StartTime);
        etag.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task InsertRowAsync_StaleVersion_ReturnsFalseAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        var initial = (await table.ReadAllAsync()).Version;
        var first = NewEntry();
        (await table.InsertRowAsync(first, initial.Next())).Should().BeTrue();

        (await table.InsertRowAsync(NewEntry(), initial.Next())).Should().BeFalse();
        (await table.InsertRowAsync(NewEntry(), initial)).Should().BeFalse();

        var data = await table.ReadAllAsync();
        data.Version.Version.Should().Be(1);
        data.Entries.Select(e => e.Entry.Silo).Should().Equal(first.Silo);
    }

    [Fact]
    public async Task InsertRowAsync_ExistingRow_ReturnsFalseAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry();
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var before = await table.ReadAllAsync();

        (await table.InsertRowAsync(entry with { SiloName = "other" }, before.Version.Next())).Should().BeFalse();

        var after = await table.ReadAllAsync();
        after.Version.Should().Be(before.Version);
        after.Entries.Should().Equal(before.Entries);
    }

    [Fact]
    public async Task InsertRowAsync_UninitializedCluster_ReturnsFalse()
    {
        var table = CreateTable(ClusterId);
        await CreateTable($"{ClusterId}-other").InitializeAsync(); // the schema exists, this cluster's version row not

        var data = await table.ReadAllAsync();

        data.Entries.Should().BeEmpty();
        (await table.InsertRowAsync(NewEntry(), data.Version.Next())).Should().BeFalse();
    }

    [Fact]
    public async Task UpdateRowAsync_StaleVersion_ReturnsFalseAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry();
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var read = await table.ReadAllAsync();
        (await table.InsertRowAsync(NewEntry(), read.Version.Next())).Should().BeTrue(); // someone else moves the version
        var before = await table.ReadAllAsync();

        (await table.UpdateRowAsync(entry with { Status = SiloStatus.Active }, EtagOf(read, entry), read.Version.Next()))
            .Should().BeFalse();

        var after = await table.ReadAllAsync();
        after.Version.Should().Be(before.Version);
        after.Entries.Should().Equal(before.Entries);
    }

    [Fact]
    public async Task UpdateRowAsync_StaleEtag_ReturnsFalseAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry();
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var first = await table.ReadAllAsync();
        (await table.UpdateRowAsync(entry with { Status = SiloStatus.Active }, EtagOf(first, entry), first.Version.Next()))
            .Should().BeTrue();
        var before = await table.ReadAllAsync();

        (await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, EtagOf(first, entry), before.Version.Next()))
            .Should().BeFalse();
        (await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, "not-an-etag", before.Version.Next()))
            .Should().BeFalse();

        var after = await table.ReadAllAsync();
        after.Version.Should().Be(before.Version);
        after.Entries.Should().Equal(before.Entries);
    }

    [Fact]
    public async Task UpdateRowAsync_CurrentVersionAndEtag_UpdatesStatusAndAdvancesVersion()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry(SiloStatus.Joining);
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var before = await table.ReadAllAsync();
        var (inserted, etag) = before.Entries.Single();

        (await table.UpdateRowAsync(entry with { Status = SiloStatus.Active }, etag, before.Version.Next())).Should().BeTrue();

        var after = await table.ReadAllAsync();
        after.Version.Version.Should().Be(before.Version.Version + 1);
        var (updated, newEtag) = after.Entries.Should().ContainSingle().Subject;
        updated.Status.Should().Be(SiloStatus.Active);
        updated.Silo.Should().Be(inserted.Silo);
        updated.SiloName.Should().Be(inserted.SiloName);
        updated.StartTime.Should().Be(inserted.StartTime);
        newEtag.Should().NotBe(etag);
    }

    [Fact]
    public async Task UpdateRowAsync_VersionAsRead_SucceedsLikeNext()
    {
        // Orleans' ADO.NET table compares the version etag the caller read; Next() keeps it, so both forms work.
        var table = await InitializedTableAsync();
        var entry = NewEntry();
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version)).Should().BeTrue();
        var read = await table.ReadAllAsync();

        (await table.UpdateRowAsync(entry with { Status = SiloStatus.Active }, EtagOf(read, entry), read.Version)).Should().BeTrue();

        (await table.ReadAllAsync()).Version.Version.Should().Be(2);
    }

    [Fact]
    public async Task UpdateIAmAliveAsync_Always_AdvancesHeartbeatButNotVersionOrEtag()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry(SiloStatus.Active);
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();
        var before = await table.ReadAllAsync();
        await AdvanceClockAsync(TimeSpan.FromMilliseconds(50));

        await table.UpdateIAmAliveAsync(entry);

        var after = await table.ReadAllAsync();
        after.Version.Should().Be(before.Version);
        var (row, etag) = after.Entries.Should().ContainSingle().Subject;
        var (old, oldEtag) = before.Entries.Single();
        row.IAmAliveTime.Should().BeOnOrAfter(old.IAmAliveTime + TimeSpan.FromMilliseconds(50));
        row.IAmAliveTime.Should().BeCloseTo(ExpectedNow, ClockTolerance);
        row.StartTime.Should().Be(old.StartTime);
        row.Status.Should().Be(old.Status);
        etag.Should().Be(oldEtag);
    }

    [Fact]
    public async Task ReadAllAsync_TwoClustersInOneTable_AreIsolated()
    {
        var a = await InitializedTableAsync(ClusterId);
        var b = await InitializedTableAsync($"{ClusterId}-b");
        var entryA = NewEntry();
        var entryB = NewEntry();

        (await a.InsertRowAsync(entryA, (await a.ReadAllAsync()).Version.Next())).Should().BeTrue();
        (await b.ReadAllAsync()).Version.Version.Should().Be(0);
        (await b.InsertRowAsync(entryB, (await b.ReadAllAsync()).Version.Next())).Should().BeTrue();
        await b.DeleteClusterAsync();

        var dataA = await a.ReadAllAsync();
        dataA.Version.Version.Should().Be(1);
        dataA.Entries.Select(e => e.Entry.Silo).Should().Equal(entryA.Silo);
        (await b.ReadAllAsync()).Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task InsertRowAsync_ConcurrentWithSameVersion_ExactlyOneWins()
    {
        var tables = new List<IMembershipTable>();
        for (var i = 0; i < 8; i++)
        {
            tables.Add(await InitializedTableAsync());
        }
        var version = (await tables[0].ReadAllAsync()).Version;
        var entries = tables.Select(_ => NewEntry()).ToArray();

        var results = await Task.WhenAll(tables.Select((t, i) => t.InsertRowAsync(entries[i], version.Next())));

        results.Count(r => r).Should().Be(1);
        var data = await tables[0].ReadAllAsync();
        data.Version.Version.Should().Be(version.Version + 1);
        data.Entries.Select(e => e.Entry.Silo).Should().Equal(entries[Array.IndexOf(results, true)].Silo);
    }

    [Fact]
    public async Task ReadAllAsync_Always_ReturnsTheTableClockAsNow()
    {
        var table = await InitializedTableAsync();

        var data = await table.ReadAllAsync();

        data.Now.Should().BeCloseTo(ExpectedNow, ClockTolerance);
        data.Now.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task CleanupDefunctEntriesAsync_OldRowsNotActive_AreDeleted()
    {
        var table = await InitializedTableAsync();
        var oldDead = NewEntry();
        var oldActive = NewEntry(SiloStatus.Active);
        var recentDead = NewEntry();
        await InsertAsync(table, oldDead);
        await SetStatusAsync(table, oldDead, SiloStatus.Dead);
        await InsertAsync(table, oldActive);
        await AdvanceClockAsync(TimeSpan.FromSeconds(1));
        await InsertAsync(table, recentDead);
        await SetStatusAsync(table, recentDead, SiloStatus.Dead);

        await table.CleanupDefunctEntriesAsync(TimeSpan.FromMilliseconds(500));

        (await table.ReadAllAsync()).Entries.Select(e => e.Entry.Silo)
            .Should().BeEquivalentTo(new[] { oldActive.Silo, recentDead.Silo });
    }

    [Fact]
    public async Task DeleteClusterAsync_Always_RemovesRowsAndVersion()
    {
        var table = await InitializedTableAsync();
        await InsertAsync(table, NewEntry());
        await InsertAsync(table, NewEntry());
        var before = await table.ReadAllAsync();

        await table.DeleteClusterAsync();

        var after = await table.ReadAllAsync();
        after.Entries.Should().BeEmpty();
        after.Version.Version.Should().Be(0);
        (await table.InsertRowAsync(NewEntry(), before.Version.Next())).Should().BeFalse();
        await table.InitializeAsync();
        (await table.InsertRowAsync(NewEntry(), (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();
    }

    private async Task<IMembershipTable> InitializedTableAsync(string? clusterId = null)
    {
        var table = CreateTable(clusterId ?? ClusterId);
        await table.InitializeAsync();
        return table;
    }

    private static async Task InsertAsync(IMembershipTable table, MembershipEntry entry) =>
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next())).Should().BeTrue();

    private static async Task SetStatusAsync(IMembershipTable table, MembershipEntry entry, SiloStatus status)
    {
        var data = await table.ReadAllAsync();
        (await table.UpdateRowAsync(entry with { Status = status }, EtagOf(data, entry), data.Version.Next())).Should().BeTrue();
    }

    private static string EtagOf(MembershipTableData data, MembershipEntry entry) =>
        data.Entries.Single(e => e.Entry.Silo == entry.Silo).Etag;

    /// <summary>A silo incarnation no other test uses; its generation does not fit in 32 bits, as real ones do not.</summary>
    private static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining)
    {
        var port = (int)Interlocked.Increment(ref _lastPort);
        var silo = new SiloAddress("127.0.0.1", port, port + 10_000, 200_000_000_000L + port);
        return new MembershipEntry(silo, $"silo-{port}", status, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    }
}
