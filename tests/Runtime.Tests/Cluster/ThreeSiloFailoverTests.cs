using System.Diagnostics;
using Runtime.Identity;
using Runtime.Tests.Grains;
using Xunit.Abstractions;

namespace Runtime.Tests.Cluster;

[Trait("Category", "Cluster")]
public sealed class ThreeSiloFailoverTests
{
    private readonly ITestOutputHelper _output;

    public ThreeSiloFailoverTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task KillSilo_ItsGrainsAnswerFromSurvivorsWithCommittedState()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 3);
        var client = cluster.Client!;
        var ids = Enumerable.Range(0, 60).Select(i => GrainId.Create(CounterGrain.Kind, $"account-{i}")).ToList();

        // Commit a distinct value in each grain.
        await Task.WhenAll(ids.Select((id, i) => client.GetGrain(id).CallAsync(new AddToCounter(i + 1)).AsTask()));
        var placed = await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new GetCounter()).AsTask()));
        var perSilo = placed.GroupBy(p => p.Silo).ToDictionary(g => g.Key, g => g.Count());
        perSilo.Should().HaveCount(3, "grains spread over all three silos");
        _output.WriteLine("grains per silo: " + string.Join(", ", perSilo.Select(kv => $"{kv.Key}={kv.Value}")));

        var victim = cluster.Silos[1];
        var victimGrains = ids.Where((id, i) => placed[i].Silo == victim.Address.ToString()).ToList();
        victimGrains.Should().NotBeEmpty();

        var watch = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);

        // Every grain of the dead silo answers again, from a survivor, with the value it had committed.
        var results = await Task.WhenAll(victimGrains.Select(id => client.GetGrain(id).CallAsync(new GetCounter()).AsTask()));
        var recovered = watch.Elapsed;
        _output.WriteLine($"all {victimGrains.Count} grains of the killed silo answered again after {recovered.TotalSeconds:F2} s " +
            $"(death timeout {TimeSpan.FromSeconds(3).TotalSeconds} s)");

        results.Should().OnlyContain(r => r.Silo != victim.Address.ToString());
        for (var i = 0; i < victimGrains.Count; i++)
        {
            var expected = ids.IndexOf(victimGrains[i]) + 1;
            results[i].Value.Should().Be(expected, $"{victimGrains[i]} must keep its committed state");
        }
        recovered.Should().BeLessThan(TimeSpan.FromSeconds(20));

        // The survivors agree that the victim is dead, and the other grains never moved.
        await cluster.WaitForMembershipToStabilizeAsync();
        cluster.Silos.Should().OnlyContain(s => s.Membership.Current.IsDead(victim.Address));
        var all = await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new GetCounter()).AsTask()));
        all.Select(a => a.Value).Should().Equal(ids.Select((_, i) => (long)i + 1));
    }

    [Fact]
    public async Task StopSilo_Gracefully_GrainsMoveWithTheirStateAndNoErrorIsLogged()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 3);
        var client = cluster.Client!;
        var ids = Enumerable.Range(0, 30).Select(i => GrainId.Create(CounterGrain.Kind, $"graceful-{i}")).ToList();
        await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new AddToCounter(7)).AsTask()));

        var leaving = cluster.Silos[0];
        var watch = Stopwatch.StartNew();
        await cluster.StopSiloAsync(leaving);
        var results = await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new GetCounter()).AsTask()));
        _output.WriteLine($"after a graceful stop, all grains answered within {watch.Elapsed.TotalSeconds:F2} s");

        results.Should().OnlyContain(r => r.Value == 7 && r.Silo != leaving.Address.ToString());
        (await cluster.MembershipTable.ReadAllAsync()).Entries.Single(e => e.Entry.Silo == leaving.Address).Entry.Status
            .Should().Be(Runtime.Membership.SiloStatus.Dead);
        cluster.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task AddSilo_GrainsThatHashToItMoveThereAndKeepState()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 2);
        var client = cluster.Client!;
        var ids = Enumerable.Range(0, 60).Select(i => GrainId.Create(CounterGrain.Kind, $"rebalance-{i}")).ToList();
        await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new AddToCounter(5)).AsTask()));

        var newcomer = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForMembershipToStabilizeAsync();
        var results = await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new AddToCounter(1)).AsTask()));

        results.Should().OnlyContain(r => r.Value == 6, "every grain kept its state across the move, nothing was applied twice");
        var snapshots = await Task.WhenAll(ids.Select(id => client.GetGrain(id).CallAsync(new GetCounter()).AsTask()));
        snapshots.Count(s => s.Silo == newcomer.Address.ToString()).Should().BeGreaterThan(5, "about a third of the grains move to the new silo");
        cluster.ShouldHaveNoErrors();
    }
}
