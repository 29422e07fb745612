using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>Sessions with mosquitto clients: a persistent session (-c -i id) queues QoS 1 messages while its client is
/// away and delivers them all, in order, on reconnect; a clean session keeps nothing.</summary>
[Trait("Category", "Interop")]
public sealed class PersistentSessionTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    /// <summary>More than a client's in-flight window (Mqtt:DefaultOutboundWindow 256 for v3.1.1, mosquitto's Receive Maximum 20 for v5).</summary>
    private const int Count = 600;

    [Theory]
    [InlineData("mqttv311", 1)]
    [InlineData("mqttv5", 1)]
    [InlineData("mqttv311", 2)]
    [InlineData("mqttv5", 2)]
    public async Task PersistentSession_MessagesPublishedWhileOffline_AllDeliveredInOrderOnReconnect(string version, int qos)
    {
        var topic = $"{Prefix}/inbox";
        var clientId = $"{Prefix}-persistent";
        await Mosquitto("mosquitto_sub", "-V", version, "-c", "-i", clientId, "-q", qos, "-t", topic, "-E").SucceedAsync(ClientTimeout);
        var sent = Enumerable.Range(0, Count).Select(i => $"offline-{i:D4}").ToList();

        await MosquittoWithInput("mosquitto_pub", string.Join('\n', sent) + "\n", "-V", version, "-q", qos, "-t", topic, "-l").SucceedAsync(ClientTimeout);
        var resumed = Mosquitto("mosquitto_sub", "-V", version, "-c", "-i", clientId, "-q", qos, "-t", topic, "-C", Count, "-W", 25);
        await resumed.SucceedAsync(ClientTimeout);

        resumed.Lines.Should().Equal(sent);
    }

    [Theory]
    [InlineData("311")]
    [InlineData("5")]
    public async Task PersistentSession_SubscriberKilledMidStream_ReconnectGetsEveryMessage(string version)
    {
        var topic = $"{Prefix}/inbox";
        string[] session = ["--version", version, "--client-id", $"{Prefix}-crashing", "--persistent", "--topic", topic, "--qos", "1"];
        var first = Paho("sub.py", [.. session, "--timeout", 40]);
        await first.WaitForEventAsync("ready", ClientTimeout);
        var publisher = Paho("pub.py", "--version", version, "--topic", topic, "--payload", "m", "--numbered", "--repeat", Count, "--qos", 1);
        await TestCluster.Wait.UntilAsync(() => first.Events("message").Count >= Count / 4, ClientTimeout, "a quarter of the messages");

        first.Kill(); // mid-stream: some deliveries in flight, unacknowledged
        await publisher.SucceedAsync(ClientTimeout);
        var firstGot = Payloads(first);
        var second = Paho("sub.py", [.. session, "--timeout", 40]);
        await TestCluster.Wait.UntilAsync(() => firstGot.Concat(Payloads(second)).Distinct().Count() >= Count, ClientTimeout,
            "every message over both connections");
        await Task.Delay(500); // a duplicate would come now
        second.Kill();

        // QoS 1 is at least once: what the killed client may not have acknowledged comes again; nothing is missing.
        var secondGot = Payloads(second);
        firstGot.Concat(secondGot).Distinct().Should().BeEquivalentTo(Enumerable.Range(0, Count).Select(i => $"m-{i}"));
        secondGot.Should().OnlyHaveUniqueItems();
        (firstGot.Count + secondGot.Count).Should().BeLessThan(Count + 100, "only what was in flight comes twice");
    }

    private static List<string> Payloads(ClientProcess subscriber) =>
        subscriber.Events("message").Select(m => System.Text.Encoding.UTF8.GetString(Convert.FromHexString(m.GetProperty("payload").GetString()!))).ToList();

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task CleanSession_MessagesPublishedWhileOffline_NotKept(string version)
    {
        var topic = $"{Prefix}/inbox";
        var clientId = $"{Prefix}-clean";
        await Mosquitto("mosquitto_sub", "-V", version, "-i", clientId, "-q", 1, "-t", topic, "-E").SucceedAsync(ClientTimeout);

        await MosquittoWithInput("mosquitto_pub", "lost-1\nlost-2\nlost-3\n", "-V", version, "-q", 1, "-t", topic, "-l").SucceedAsync(ClientTimeout);
        // Back as a persistent session subscribed to something else: anything on the old topic could only come from a
        // session the broker wrongly kept.
        var back = Mosquitto("mosquitto_sub", "-d", "-V", version, "-c", "-i", clientId, "-q", 1, "-t", $"{Prefix}/other",
            "-F", "PAYLOAD %t %p", "-W", 2);
        await back.WaitForExitAsync(ClientTimeout);

        back.Lines.Should().Contain(l => l.Contains("received CONNACK (0)", StringComparison.Ordinal), back.Describe());
        back.Lines.Should().NotContain(l => l.StartsWith("PAYLOAD", StringComparison.Ordinal));
        await Mosquitto("mosquitto_sub", "-V", version, "-i", clientId, "-t", $"{Prefix}/other", "-E").SucceedAsync(ClientTimeout); // end it
    }
}
