using Runtime.Membership;
using Runtime.Tests.Cluster;
using TestCluster;

namespace Runtime.Tests.Membership;

[Trait("Category", "Cluster")]
public sealed class MembershipAgentTests
{
    [Fact]
    public async Task Silo_StopsHeartbeating_DeclaredDeadByTheOthers()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 3);
        var victim = cluster.Silos[2];

        await cluster.KillSiloAsync(victim);

        await Wait.UntilAsync(async () =>
        {
            var data = await cluster.MembershipTable.ReadAllAsync();
            return data.Entries.Single(e => e.Entry.Silo == victim.Address).Entry.Status == SiloStatus.Dead;
        }, TimeSpan.FromSeconds(15), "the killed silo to be declared dead");
        await cluster.WaitForMembershipToStabilizeAsync();
        cluster.Silos.Should().HaveCount(2).And.OnlyContain(s => s.IsActive);
    }

    [Fact]
    public async Task Silo_FindsItselfDeclaredDead_Stops()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 2);
        var silo = cluster.Silos[1];

        // Another member declares it dead (as it would after missed heartbeats during a long pause).
        var data = await cluster.MembershipTable.ReadAllAsync();
        var (entry, etag) = data.Entries.Single(e => e.Entry.Silo == silo.Address);
        (await cluster.MembershipTable.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, data.Version.Next())).Should().BeTrue();

        var stopped = await Task.WhenAny(silo.Stopped, Task.Delay(TimeSpan.FromSeconds(10)));
        stopped.Should().Be(silo.Stopped, "a silo that reads that it is dead stops");
        silo.FatalReason.Should().Contain("declared dead");
        silo.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task Silo_RestartedOnSameEndpoint_OlderGenerationDeclaredDeadAtStart()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 1, builder: b => b.WithClient = false);
        var first = cluster.Silos[0];
        var siloPort = first.Address.SiloPort;
        var gatewayPort = first.Address.GatewayPort;
        await cluster.KillSiloAsync(first);

        // A new incarnation on the same ports (a restarted pod) before anyone noticed the first one died.
        var table = cluster.MembershipTable;
        await using var second = new Runtime.Hosting.Silo(new Runtime.Hosting.SiloOptions
        {
            ClusterId = cluster.ClusterId,
            SiloName = "restarted",
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
        }, table, cluster.Storage, new Runtime.Activation.GrainTypeRegistry(), cluster.LoggerFactory, journalStorage: cluster.JournalStorage);
        await second.StartAsync();

        var rows = (await table.ReadAllAsync()).Entries.Select(e => e.Entry).ToList();
        rows.Single(r => r.Silo == first.Address).Status.Should().Be(SiloStatus.Dead);
        rows.Single(r => r.Silo == second.Address).Status.Should().Be(SiloStatus.Active);
        second.Address.Generation.Should().BeGreaterThan(first.Address.Generation);
    }
}
