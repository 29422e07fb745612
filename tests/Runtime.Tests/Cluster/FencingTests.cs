using Runtime.Core;
using Runtime.Identity;
using Runtime.Tests.Grains;
using TestCluster;

namespace Runtime.Tests.Cluster;

[Trait("Category", "Cluster")]
public sealed class FencingTests
{
    [Fact]
    public async Task Write_ByStaleActivation_IsRejectedAndStaleActivationDeactivates()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 2);
        var id = GrainId.Create(CounterGrain.Kind, "fenced");
        var owner = cluster.Silos.Single(s => s.Address == Runtime.Placement.RendezvousPlacementDirector.Instance.PickOwner(id, cluster.Silos[0].Membership.Current.ActiveSilos));
        var other = cluster.Silos.Single(s => s != owner);

        // The owner activates the grain and commits 1.
        (await owner.GrainFactory.GetGrain(id).CallAsync(new AddToCounter(1))).Value.Should().Be(1);
        var stale = await owner.GrainFactory.GetGrain(id).CallAsync(new GetCounter());

        // A second activation is forced on the other silo (as a stale view or split brain would): it takes ownership.
        var forced = (CounterSnapshot)await other.InvokeOnThisSiloAsync(id, new GetCounter());
        forced.Epoch.Should().BeGreaterThan(stale.Epoch);
        forced.Value.Should().Be(1, "the new activation loads the committed state");
        forced.Silo.Should().Be(other.Address.ToString());

        // The stale activation (still on the owner) tries to commit: rejected, and it deactivates.
        var act = async () => await owner.GrainFactory.GetGrain(id).CallAsync(new AddToCounter(100));
        (await act.Should().ThrowAsync<GrainCallException>()).Which.ErrorType.Should().Be(nameof(GrainFencedException));
        await Wait.UntilAsync(() => !owner.HasActivation(id), TimeSpan.FromSeconds(5), "the stale activation to deactivate");

        // Nothing the stale activation tried was committed; the grain still answers, from a fresh activation.
        var now = await owner.GrainFactory.GetGrain(id).CallAsync(new GetCounter());
        now.Value.Should().Be(1);
        now.Epoch.Should().BeGreaterThan(stale.Epoch);
    }
}
