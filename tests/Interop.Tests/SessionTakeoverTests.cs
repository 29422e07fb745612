using System.Text;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>Two clients with one client id (paho): the second takes the session over, the first is disconnected
/// (v5 reason 0x8E Session taken over; v3.1.1 just closed); the second is served. (sub.py reads the reason of a bare
/// DISCONNECT itself: paho-mqtt 1.6 reports one without properties as a lost connection, rc 7.)</summary>
[Trait("Category", "Interop")]
public sealed class SessionTakeoverTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData("5", 0x8E)]
    [InlineData("311", null)]
    public async Task SameClientId_SecondClientConnects_FirstDisconnected(string version, int? reason)
    {
        var clientId = $"{Prefix}-twin";
        var topic = $"{Prefix}/twin";
        var first = Paho("sub.py", "--version", version, "--client-id", clientId, "--topic", topic, "--qos", 1, "--timeout", 40);
        await first.WaitForEventAsync("ready", ClientTimeout);

        var second = Paho("sub.py", "--version", version, "--client-id", clientId, "--topic", topic, "--qos", 1, "--count", 1, "--timeout", 40);
        await second.WaitForEventAsync("ready", ClientTimeout);

        var disconnected = await first.WaitForEventAsync("disconnected", ClientTimeout);
        var rc = disconnected.GetProperty("rc");
        if (reason is { } expected)
        {
            rc.GetInt32().Should().Be(expected);
        }
        else
        {
            rc.GetInt32().Should().NotBe(0, "the broker closed the connection, the client did not disconnect");
        }
        await first.SucceedAsync(ClientTimeout);
        await Mosquitto("mosquitto_pub", "-q", 1, "-t", topic, "-m", "to the new owner").SucceedAsync(ClientTimeout);
        await second.SucceedAsync(ClientTimeout);
        Payloads(second).Should().Equal("to the new owner");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("311")]
    public async Task SameClientId_TakeoverWhileQos1MessagesFlow_NoMessageLost(string version)
    {
        const int count = 300;
        var topic = $"{Prefix}/flow";
        string[] session = ["--version", version, "--client-id", $"{Prefix}-flowing", "--persistent", "--topic", topic, "--qos", "1", "--timeout", "40"];
        var first = Paho("sub.py", session);
        await first.WaitForEventAsync("ready", ClientTimeout);
        var publisher = Paho("pub.py", "--version", version, "--topic", topic, "--payload", "m", "--numbered", "--repeat", count, "--qos", 1);
        await TestCluster.Wait.UntilAsync(() => first.Events("message").Count >= count / 5, ClientTimeout, "a fifth of the messages");

        var second = Paho("sub.py", session);
        await second.WaitForEventAsync("ready", ClientTimeout);
        await publisher.SucceedAsync(ClientTimeout);

        // At least once over the two connections: what the first had in flight when it was closed comes again.
        await TestCluster.Wait.UntilAsync(() => Payloads(first).Concat(Payloads(second)).Distinct().Count() >= count, ClientTimeout,
            "every message over both connections");
        await first.WaitForEventAsync("disconnected", ClientTimeout);
        second.Events("disconnected").Should().BeEmpty("the new owner stays connected");
        Payloads(first).Concat(Payloads(second)).Distinct().Should().BeEquivalentTo(Enumerable.Range(0, count).Select(i => $"m-{i}"));
    }

    private static List<string> Payloads(ClientProcess subscriber) =>
        subscriber.Events("message").Select(m => Encoding.UTF8.GetString(Convert.FromHexString(m.GetProperty("payload").GetString()!))).ToList();
}
