using Runtime.Identity;
using Runtime.Tests.Cluster;
using Runtime.Tests.Grains;
using TestCluster;

namespace Runtime.Tests.Activation;

[Trait("Category", "Cluster")]
public sealed class IdleCollectionTests
{
    [Fact]
    public async Task Activation_IdleLongerThanCollectionAge_IsDeactivatedAndStateSurvives()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 1, o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(300);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(100);
        });
        var silo = cluster.Silos[0];
        var id = GrainId.Create(CounterGrain.Kind, "idle");
        var grain = cluster.Client!.GetGrain(id);

        await grain.CallAsync(new AddToCounter(3));
        var before = await grain.CallAsync(new GetCounter());
        silo.HasActivation(id).Should().BeTrue();

        await Wait.UntilAsync(() => !silo.HasActivation(id), TimeSpan.FromSeconds(10), "idle collection");
        var after = await grain.CallAsync(new GetCounter());

        after.Value.Should().Be(3);
        after.Epoch.Should().BeGreaterThan(before.Epoch, "a new activation took ownership");
    }

    [Fact]
    public async Task Activation_CalledRegularly_IsNotCollected()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 1, o =>
        {
            o.CollectionAge = TimeSpan.FromSeconds(2);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var grain = cluster.Client!.GetGrain(ProbeGrain.Kind, "busy");
        var first = await grain.CallAsync(new WhoAreYou(false));
        for (var i = 0; i < 30; i++)
        {
            await Task.Delay(100);
            (await grain.CallAsync(new WhoAreYou(false))).Value.Should().Be(first.Value);
        }
    }
}
