using Runtime.Tests.Cluster;
using Runtime.Tests.Grains;

namespace Runtime.Tests.Activation;

/// <summary>
/// A grain's mailbox is bounded; a call that finds it full is retried after a pause. Calls made inside the silo that owns
/// the grain (a topic grain feeding a queue, the embedded gateway) must still reach it in the order they were made: a
/// retried call goes before any later call to the same grain.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class FullMailboxOrderTests
{
    [Fact]
    public async Task LocalCalls_OverflowingASmallMailbox_AllAnsweredInCallOrder()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 1, configure: o => o.Messaging.MailboxCapacity = 4);
        var silo = cluster.Silos[0];
        var grain = silo.GrainFactory.GetGrain(ProbeGrain.Kind, "small-mailbox");

        // 300 pipelined calls from one caller, each taking 100 µs: the mailbox of 4 overflows again and again.
        var tasks = Enumerable.Range(1, 300).Select(seq => grain.CallAsync(new ProbeCall("local", seq, 100)).AsTask()).ToList();
        var results = await Task.WhenAll(tasks);

        results.Select(r => r.Order).Should().OnlyHaveUniqueItems().And.HaveCount(300);
        results.Should().OnlyContain(r => r.InOrderForCaller, "a call refused by a full mailbox is retried before any later call");
        results.Select(r => r.Order).Should().BeInAscendingOrder("the grain handled them in the order they were made");
    }
}
