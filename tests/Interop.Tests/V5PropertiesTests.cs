using System.Text;
using System.Text.Json;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>MQTT 5 PUBLISH properties from a paho v5 publisher reach a paho v5 subscriber unchanged: user properties
/// (order and repeats kept), content type, payload format, response topic, correlation data, message expiry.</summary>
[Trait("Category", "Interop")]
public sealed class V5PropertiesTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Publish_V5Properties_PassedThroughToSubscriber(int qos)
    {
        var topic = $"{Prefix}/props";
        var subscriber = Paho("sub.py", "--version", "5", "--topic", topic, "--qos", qos, "--count", 1, "--timeout", 40);
        await subscriber.WaitForEventAsync("ready", ClientTimeout);

        await Paho("pub.py", "--version", "5", "--topic", topic, "--payload", "{\"ok\":true}", "--qos", qos,
            "--user-property", "trace=abc-123", "--user-property", "trace=second", "--user-property", "ünïcode=välue",
            "--content-type", "application/json", "--response-topic", $"{Prefix}/replies", "--correlation-hex", "00010203fffe",
            "--expiry", 3600, "--payload-format", 1).SucceedAsync(ClientTimeout);

        await subscriber.SucceedAsync(ClientTimeout);
        var message = subscriber.Events("message").Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(Convert.FromHexString(message.GetProperty("payload").GetString()!)).Should().Be("{\"ok\":true}");
        var properties = message.GetProperty("properties");
        properties.GetProperty("UserProperty").EnumerateArray().Select(p => $"{p[0].GetString()}={p[1].GetString()}")
            .Should().Equal("trace=abc-123", "trace=second", "ünïcode=välue");
        properties.GetProperty("ContentType").GetString().Should().Be("application/json");
        properties.GetProperty("ResponseTopic").GetString().Should().Be($"{Prefix}/replies");
        properties.GetProperty("CorrelationData").GetString().Should().Be("00010203fffe");
        properties.GetProperty("PayloadFormatIndicator").GetInt32().Should().Be(1);
        properties.GetProperty("MessageExpiryInterval").GetInt32().Should().BeInRange(3590, 3600, "what remains of the interval is sent");
    }

    [Fact]
    public async Task Retained_V5Properties_KeptWithTheRetainedMessage()
    {
        var topic = $"{Prefix}/retained-props";
        await Paho("pub.py", "--version", "5", "--topic", topic, "--payload", "state", "--qos", 1, "--retain",
            "--user-property", "origin=sensor-7", "--content-type", "text/plain", "--response-topic", $"{Prefix}/replies",
            "--correlation-hex", "cafe").SucceedAsync(ClientTimeout);

        var subscriber = Paho("sub.py", "--version", "5", "--topic", topic, "--qos", 1, "--count", 1, "--timeout", 40);
        await subscriber.SucceedAsync(ClientTimeout);

        var message = subscriber.Events("message").Should().ContainSingle().Subject;
        message.GetProperty("retain").GetBoolean().Should().BeTrue();
        var properties = message.GetProperty("properties");
        properties.GetProperty("UserProperty").EnumerateArray().Select(p => $"{p[0].GetString()}={p[1].GetString()}").Should().Equal("origin=sensor-7");
        properties.GetProperty("ContentType").GetString().Should().Be("text/plain");
        properties.GetProperty("ResponseTopic").GetString().Should().Be($"{Prefix}/replies");
        properties.GetProperty("CorrelationData").GetString().Should().Be("cafe");
    }

    [Fact]
    public async Task MessageExpiry_ExpiresWhileSubscriberOffline_NotDelivered()
    {
        var topic = $"{Prefix}/expiring";
        var clientId = $"{Prefix}-offline";
        string[] session = ["--version", "5", "--client-id", clientId, "--persistent", "--topic", topic, "--qos", "1"];
        var first = Paho("sub.py", [.. session, "--timeout", 20]);
        await first.WaitForEventAsync("ready", ClientTimeout);
        first.Kill(); // gone; its session stays, queueing

        await Paho("pub.py", "--version", "5", "--topic", topic, "--payload", "short-lived", "--expiry", 1, "--qos", 1).SucceedAsync(ClientTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await Paho("pub.py", "--version", "5", "--topic", topic, "--payload", "long-lived", "--expiry", 600, "--qos", 1).SucceedAsync(ClientTimeout);
        var back = Paho("sub.py", [.. session, "--count", 1, "--linger", 0.5, "--timeout", 20]);
        await back.SucceedAsync(ClientTimeout);

        back.Events("message").Select(Payload).Should().Equal("long-lived");
    }

    private static string Payload(JsonElement message) =>
        Encoding.UTF8.GetString(Convert.FromHexString(message.GetProperty("payload").GetString()!));
}
