using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>What the broker accepted survives it: durable messages are there after a kill -9 and a restart, exactly once
/// and in order; messages a receiver accepted before the crash do not come back.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpDurabilityTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AcceptedMessages_BrokerKilledOrStopped_AreThereAfterRestart_AcceptedOnesAreNot(bool kill)
    {
        var queue = $"/queues/{Prefix}-durable";
        var send = Amqp("send", "--address", queue, "--count", 50, "--durable");
        await send.SucceedAsync(ClientTimeout);
        send.Events("sent").Single().GetProperty("accepted").GetInt32().Should().Be(50);
        await Amqp("receive", "--address", queue, "--count", 20, "--credit", 20).SucceedAsync(ClientTimeout);

        await Broker.RestartAsync(kill);

        var receive = Amqp("receive", "--address", queue, "--count", 31, "--receive-timeout", 5);
        await receive.SucceedAsync(ClientTimeout);
        var seqs = receive.Events("message").Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).ToList();
        seqs.Should().Equal(Enumerable.Range(20, 30), "the 30 unaccepted messages, once each and in order; the 20 accepted ones are gone");
        receive.Events("message").Should().OnlyContain(m => m.GetProperty("durable").GetBoolean());
    }
}
