using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>Each outcome a receiver gives has its queue effect: accepted removes, rejected dead-letters with the reason,
/// released returns uncounted, modified (delivery-failed) returns with delivery-count + 1.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpOutcomeTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Accepted_MessageLeavesTheQueue()
    {
        var queue = $"/queues/{Prefix}-accept";
        await Amqp("send", "--address", queue, "--count", 2).SucceedAsync(ClientTimeout);

        await Amqp("receive", "--address", queue, "--count", 2, "--outcome", "accept").SucceedAsync(ClientTimeout);
        var again = Amqp("receive", "--address", queue, "--count", 1, "--receive-timeout", 2);
        await again.SucceedAsync(ClientTimeout);

        again.Events("message").Should().BeEmpty();
    }

    [Fact]
    public async Task Rejected_MessageGoesToTheDeadLetterQueue()
    {
        var name = $"{Prefix}-reject";
        await Amqp("send", "--address", "/queues/" + name, "--count", 1, "--body", "string").SucceedAsync(ClientTimeout);

        await Amqp("receive", "--address", "/queues/" + name, "--count", 1, "--outcome", "reject").SucceedAsync(ClientTimeout);
        var original = Amqp("receive", "--address", "/queues/" + name, "--count", 1, "--receive-timeout", 2);
        var dead = Amqp("receive", "--address", $"/queues/DLQ.{name}", "--count", 1);
        await Task.WhenAll(original.SucceedAsync(ClientTimeout), dead.SucceedAsync(ClientTimeout));

        original.Events("message").Should().BeEmpty();
        dead.Events("message").Should().ContainSingle().Which.GetProperty("text").GetString().Should().Be("message 0");
    }

    [Fact]
    public async Task Released_MessageComesBackWithoutCountingADelivery()
    {
        var queue = $"/queues/{Prefix}-release";
        await Amqp("send", "--address", queue, "--count", 1).SucceedAsync(ClientTimeout);

        // Released goes back to the head: the same receiver (it still has credit) gets it again, still uncounted.
        var receive = Amqp("receive", "--address", queue, "--count", 3, "--outcome", "release");
        await receive.SucceedAsync(ClientTimeout);

        var messages = receive.Events("message");
        messages.Should().HaveCount(3);
        messages.Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).Should().OnlyContain(s => s == 0);
        messages.Select(m => m.GetProperty("delivery_count").GetInt32()).Should().OnlyContain(c => c == 0);
    }

    [Fact]
    public async Task ModifiedDeliveryFailed_MessageComesBackWithDeliveryCountIncremented()
    {
        var queue = $"/queues/{Prefix}-modify";
        await Amqp("send", "--address", queue, "--count", 1).SucceedAsync(ClientTimeout);

        var receive = Amqp("receive", "--address", queue, "--count", 3, "--outcome", "modify-failed");
        await receive.SucceedAsync(ClientTimeout);

        var messages = receive.Events("message");
        messages.Select(m => m.GetProperty("delivery_count").GetInt32()).Should().Equal(0, 1, 2);
        messages.Select(m => m.GetProperty("first_acquirer").GetBoolean()).Should().Equal(true, false, false);
    }
}
