using System.Text;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>Will messages with paho clients: published when the client vanishes without DISCONNECT (process killed,
/// socket closed), not published on a normal DISCONNECT.</summary>
[Trait("Category", "Interop")]
public sealed class WillMessageTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData("311")]
    [InlineData("5")]
    public async Task Will_ClientProcessKilled_SubscriberGetsWill(string version)
    {
        var willTopic = $"{Prefix}/status";
        var subscriber = await SubscribeAsync(willTopic, version);
        var client = Paho("will_client.py", "--version", version, "--client-id", $"{Prefix}-dying", "--will-topic", willTopic,
            "--will-payload", "client died", "--mode", "hang");
        await client.WaitForEventAsync("ready", ClientTimeout);

        client.Kill();

        var message = await subscriber.WaitForEventAsync("message", ClientTimeout);
        message.GetProperty("topic").GetString().Should().Be(willTopic);
        Payload(message).Should().Be("client died");
    }

    [Fact]
    public async Task Will_SocketClosedWithoutDisconnect_SubscriberGetsWill()
    {
        var willTopic = $"{Prefix}/status";
        var subscriber = await SubscribeAsync(willTopic, "5");
        var client = Paho("will_client.py", "--version", "5", "--client-id", $"{Prefix}-dropping", "--will-topic", willTopic,
            "--will-payload", "socket dropped", "--mode", "drop");
        await client.SucceedAsync(ClientTimeout);

        var message = await subscriber.WaitForEventAsync("message", ClientTimeout);
        Payload(message).Should().Be("socket dropped");
    }

    [Theory]
    [InlineData("311")]
    [InlineData("5")]
    public async Task Will_NormalDisconnect_NotSent(string version)
    {
        var willTopic = $"{Prefix}/status";
        var subscriber = await SubscribeAsync(willTopic, version);
        await Paho("will_client.py", "--version", version, "--client-id", $"{Prefix}-leaving", "--will-topic", willTopic,
            "--will-payload", "should not be sent", "--mode", "disconnect").SucceedAsync(ClientTimeout);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a wrongly sent will goes out right after the connection ends

        // A marker after it: the first message the subscriber gets must be the marker, not a will.
        await Mosquitto("mosquitto_pub", "-q", 1, "-t", willTopic, "-m", "marker").SucceedAsync(ClientTimeout);

        var message = await subscriber.WaitForEventAsync("message", ClientTimeout);
        Payload(message).Should().Be("marker");
    }

    private async Task<ClientProcess> SubscribeAsync(string topic, string version)
    {
        var subscriber = Paho("sub.py", "--version", version, "--topic", topic, "--qos", 1, "--count", 1, "--linger", 0.5, "--timeout", 40);
        await subscriber.WaitForEventAsync("ready", ClientTimeout);
        return subscriber;
    }

    private static string Payload(System.Text.Json.JsonElement message) =>
        Encoding.UTF8.GetString(Convert.FromHexString(message.GetProperty("payload").GetString()!));
}
