using TestCluster.Databases;
using System.Diagnostics;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Membership;
using Runtime.Storage.AdoNet;
using Runtime.Tests.Grains;
using TestCluster;
using Xunit.Abstractions;

namespace Runtime.Tests.Cluster;

/// <summary>
/// The cluster on a real database: membership table and grain state in SQLite or PostgreSQL (the same ADO.NET code
/// path), a silo killed with no goodbye, and a forced second activation that must not commit.
/// </summary>
public abstract class DatabaseClusterTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private IAdoNetDialect _dialect = null!;

    protected DatabaseClusterTests(ITestOutputHelper output) => _output = output;

    protected abstract Task<IAdoNetDialect> CreateDialectAsync();

    protected abstract ValueTask DisposeStoreAsync();

    public async Task InitializeAsync() => _dialect = await CreateDialectAsync();

    public async Task DisposeAsync() => await DisposeStoreAsync();

    private Task<InProcessTestCluster> StartAsync(int silos) =>
        ClusterFactory.StartAsync(silos, builder: b =>
        {
            b.MembershipTableFactory = clusterId => new AdoNetMembershipTable(_dialect, clusterId);
            b.StorageFactory = () => new AdoNetGrainStorage(_dialect);
            b.JournalStorageFactory = () => new AdoNetJournalStorage(_dialect);
        });

    [Fact]
    public async Task KillSilo_GrainsRecoverOnSurvivorsWithCommittedState()
    {
        await using var cluster = await StartAsync(3);
        var client = cluster.Client!;
        var ids = Enumerable.Range(0, 30).Select(i => GrainId.Create(CounterGrain.Kind, $"{cluster.ClusterId}-{i}")).ToList();
        for (var round = 1; round <= 3; round++)
        {
            await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new AddToCounter(1)).AsTask()));
        }
        var placed = await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new GetCounter()).AsTask()));
        var victim = cluster.Silos[0];
        var victimGrains = ids.Where((_, i) => placed[i].Silo == victim.Address.ToString()).ToList();

        var watch = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        var after = await Task.WhenAll(victimGrains.Select(id => client.GetGrain(id).CallAsync(new GetCounter()).AsTask()));
        _output.WriteLine($"{victimGrains.Count} grains of the killed silo answered again after {watch.Elapsed.TotalSeconds:F2} s");

        after.Should().OnlyContain(s => s.Value == 3 && s.Silo != victim.Address.ToString());
        after.Should().OnlyContain(s => s.Epoch >= 2, "the survivor took ownership with a higher epoch");
        var rows = (await cluster.MembershipTable.ReadAllAsync()).Entries;
        rows.Single(r => r.Entry.Silo == victim.Address).Entry.Status.Should().Be(SiloStatus.Dead);
    }

    [Fact]
    public async Task SecondActivation_StaleOneCannotCommit()
    {
        await using var cluster = await StartAsync(2);
        var id = GrainId.Create(CounterGrain.Kind, $"{cluster.ClusterId}-fenced");
        var first = await cluster.Client!.GetGrain(id).CallAsync(new AddToCounter(10));
        var ownerSnapshot = await cluster.Client.GetGrain(id).CallAsync(new GetCounter());
        var owner = cluster.Silos.Single(s => s.Address.ToString() == ownerSnapshot.Silo);
        var other = cluster.Silos.Single(s => s != owner);

        var forced = (CounterSnapshot)await other.InvokeOnThisSiloAsync(id, new GetCounter());
        var stale = async () => await cluster.Client.GetGrain(id).CallAsync(new AddToCounter(5));

        forced.Epoch.Should().BeGreaterThan(ownerSnapshot.Epoch);
        (await stale.Should().ThrowAsync<GrainCallException>()).Which.ErrorType.Should().Be(nameof(GrainFencedException));
        var now = await cluster.Client.GetGrain(id).CallAsync(new GetCounter());
        now.Value.Should().Be(first.Value, "the stale activation's write was not committed");
    }
}

[Trait("Category", "Cluster")]
public sealed class SqliteClusterTests : DatabaseClusterTests
{
    private readonly SqliteTestStore _store = new();

    public SqliteClusterTests(ITestOutputHelper output) : base(output)
    {
    }

    protected override Task<IAdoNetDialect> CreateDialectAsync() => Task.FromResult(_store.NewDialect());

    protected override ValueTask DisposeStoreAsync() => _store.DisposeAsync();
}

[Trait("Category", "Cluster")]
public sealed class PostgreSqlClusterTests : DatabaseClusterTests
{
    private readonly PostgresTestStore _store = new();

    public PostgreSqlClusterTests(ITestOutputHelper output) : base(output)
    {
    }

    protected override async Task<IAdoNetDialect> CreateDialectAsync()
    {
        await _store.UseEmptyDatabaseAsync();
        return _store.NewDialect();
    }

    protected override ValueTask DisposeStoreAsync() => _store.DisposeAsync();
}
