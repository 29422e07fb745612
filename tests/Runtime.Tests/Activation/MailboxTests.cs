using Runtime.Tests.Cluster;
using Runtime.Tests.Grains;
using TestCluster;

namespace Runtime.Tests.Activation;

[Trait("Category", "Cluster")]
public sealed class MailboxTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ClusterFactory.StartAsync(silos: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Calls_ThousandConcurrentFromClient_AllAnsweredNeverOverlappingInOrderPerCaller()
    {
        var grain = _cluster.Client!.GetGrain(ProbeGrain.Kind, "mailbox-client");
        const int callers = 10;
        const int callsPerCaller = 100;

        // Each caller sends its calls without waiting for answers (pipelined), so the grain's mailbox holds many at once.
        var tasks = Enumerable.Range(0, callers).SelectMany(c =>
            Enumerable.Range(1, callsPerCaller).Select(seq => grain.CallAsync(new ProbeCall($"caller-{c}", seq, 20)).AsTask())).ToList();
        var results = await Task.WhenAll(tasks);

        results.Should().HaveCount(callers * callsPerCaller);
        results.Max(r => r.Overlaps).Should().Be(0, "two turns of one activation never run at the same time");
        results.Select(r => r.Order).Should().OnlyHaveUniqueItems().And.HaveCount(1000);
        results.Should().OnlyContain(r => r.InOrderForCaller, "calls from one caller are handled in the order sent");
        _cluster.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Calls_ThousandConcurrentFromAnotherGrainsSilo_AllAnsweredNeverOverlapping()
    {
        // Calls made inside silos (grain factory of each silo): local dispatch on the owner, remote on the other.
        var tasks = new List<Task<ProbeResult>>();
        foreach (var silo in _cluster.Silos)
        {
            var grain = silo.GrainFactory.GetGrain(ProbeGrain.Kind, "mailbox-silos");
            for (var seq = 1; seq <= 500; seq++)
            {
                tasks.Add(grain.CallAsync(new ProbeCall(silo.Name, seq, 0)).AsTask());
            }
        }
        var results = await Task.WhenAll(tasks);

        results.Max(r => r.Overlaps).Should().Be(0);
        results.Select(r => r.Order).Should().OnlyHaveUniqueItems().And.HaveCount(1000);
        results.Should().OnlyContain(r => r.InOrderForCaller);
        results.Select(r => r.Silo).Distinct().Should().ContainSingle("one grain has one activation");
    }

    [Fact]
    public async Task Call_GrainThrows_CallerGetsTheErrorAndGrainKeepsServing()
    {
        var grain = _cluster.Client!.GetGrain(ProbeGrain.Kind, "thrower");

        var act = async () => await grain.CallAsync(new FailPlease("boom: bad input"));

        (await act.Should().ThrowAsync<Runtime.Core.GrainCallException>()).Which.ErrorType.Should().Be(nameof(InvalidOperationException));
        (await act.Should().ThrowAsync<Runtime.Core.GrainCallException>()).WithMessage("boom: bad input");
        var after = await grain.CallAsync(new ProbeCall("x", 1, 0));
        after.Order.Should().Be(1);
    }

    [Fact]
    public async Task Call_UnknownGrainKind_FailsWithClearMessage()
    {
        var grain = _cluster.Client!.GetGrain("no-such-kind", "k");

        var act = async () => await grain.CallAsync(new ProbeCall("x", 1, 0));

        await act.Should().ThrowAsync<Runtime.Messaging.CallRejectedException>().WithMessage("*no-such-kind*");
    }

    [Fact]
    public async Task Deactivation_Requested_NextCallGetsNewActivation()
    {
        var grain = _cluster.Client!.GetGrain(ProbeGrain.Kind, "deactivate-me");
        var deactivationsBefore = ProbeGrain.Deactivations;

        var first = await grain.CallAsync(new WhoAreYou(DeactivateAfter: true));
        await Wait.UntilAsync(() => ProbeGrain.Deactivations > deactivationsBefore, TimeSpan.FromSeconds(10), "the deactivation hook");
        var second = await grain.CallAsync(new WhoAreYou(DeactivateAfter: false));

        second.Value.Should().NotBe(first.Value);
    }
}
