using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>Link credit bounds what a receiver gets; drain sends what is there and gives the rest of the credit back.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpCreditTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Drain_FewerMessagesThanCredit_DeliversThemAndCreditEndsAtZero()
    {
        var queue = $"/queues/{Prefix}-drain";
        await Amqp("send", "--address", queue, "--count", 3).SucceedAsync(ClientTimeout);

        var drain = Amqp("drain", "--address", queue, "--credit", 10);
        await drain.SucceedAsync(ClientTimeout);

        var result = drain.Events("drained").Should().ContainSingle().Subject;
        result.GetProperty("received").GetInt32().Should().Be(3);
        result.GetProperty("credit").GetInt32().Should().Be(0, "the broker consumed the unused credit when the queue ran dry");
    }

    [Fact]
    public async Task Drain_EmptyQueue_CompletesWithZeroCredit()
    {
        var drain = Amqp("drain", "--address", $"/queues/{Prefix}-empty", "--credit", 5);
        await drain.SucceedAsync(ClientTimeout);

        var result = drain.Events("drained").Should().ContainSingle().Subject;
        result.GetProperty("received").GetInt32().Should().Be(0);
        result.GetProperty("credit").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Credit_TwoReceiversWithCreditOne_ShareTheQueue()
    {
        var queue = $"/queues/{Prefix}-compete";
        var first = Amqp("receive", "--address", queue, "--count", 10, "--credit", 1, "--receive-timeout", 5);
        var second = Amqp("receive", "--address", queue, "--count", 10, "--credit", 1, "--receive-timeout", 5);
        await Task.WhenAll(first.WaitForEventAsync("attached", ClientTimeout), second.WaitForEventAsync("attached", ClientTimeout));

        await Amqp("send", "--address", queue, "--count", 20).SucceedAsync(ClientTimeout);
        await Task.WhenAll(first.SucceedAsync(ClientTimeout), second.SucceedAsync(ClientTimeout));

        var seqs = first.Events("message").Concat(second.Events("message"))
            .Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).Order().ToList();
        seqs.Should().Equal(Enumerable.Range(0, 20), "competing consumers get every message exactly once between them");
        first.Events("message").Should().NotBeEmpty();
        second.Events("message").Should().NotBeEmpty();
    }
}
