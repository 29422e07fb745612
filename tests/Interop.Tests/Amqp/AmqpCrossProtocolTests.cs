using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>MQTT and AMQP share one topic namespace: mosquitto_pub reaches an AMQP receiver on /topics/..., and an AMQP
/// send to /topics/... reaches mosquitto_sub, with content type, correlation and user properties mapped.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpCrossProtocolTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task MqttPublish_ReachesAmqpReceiverOnTopic_WithV5PropertiesMapped()
    {
        var topic = $"{Prefix}/sensors/1";
        var receiver = Amqp("receive", "--address", $"/topics/{Prefix}/sensors/+", "--count", 1);
        await receiver.WaitForEventAsync("attached", ClientTimeout);

        await Mosquitto("mosquitto_pub", "-V", "mqttv5", "-q", 1, "-t", topic, "-m", "21.5",
            "-D", "publish", "content-type", "text/plain", "-D", "publish", "correlation-data", "req-7",
            "-D", "publish", "response-topic", "replies/7", "-D", "publish", "user-property", "unit", "C",
            "-D", "publish", "payload-format-indicator", 1).SucceedAsync(ClientTimeout);
        await receiver.SucceedAsync(ClientTimeout);

        var message = receiver.Events("message").Should().ContainSingle().Subject;
        message.GetProperty("text").GetString().Should().Be("21.5", "a UTF-8 MQTT payload arrives as an AMQP string");
        message.GetProperty("content_type").GetString().Should().Be("text/plain");
        message.GetProperty("correlation_id").GetString().Should().Contain("req-7");
        message.GetProperty("reply_to").GetString().Should().Be("replies/7");
        message.GetProperty("properties").GetProperty("unit").GetString().Should().Be("C");
    }

    [Fact]
    public async Task AmqpSend_ReachesMosquittoSub_PayloadAndUserPropertiesMapped()
    {
        var topic = $"{Prefix}/orders/eu";
        var sub = Mosquitto("mosquitto_sub", "-d", "-V", "mqttv5", "-q", 1, "-t", $"{Prefix}/orders/#", "-F", "PAYLOAD %p|%P", "-C", 1, "-W", 25);
        await sub.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK");

        await Amqp("send", "--address", $"topic://{topic}", "--body", "string", "--properties", """{"region":"eu"}""").SucceedAsync(ClientTimeout);
        await sub.SucceedAsync(ClientTimeout);

        var line = sub.Lines.Should().ContainSingle(l => l.StartsWith("PAYLOAD ", StringComparison.Ordinal)).Subject;
        line.Should().StartWith("PAYLOAD message 0|");
        line.Should().Contain("region:eu");
    }

    [Fact]
    public async Task AmqpSend_ToTopicWithAPersistentMqttSession_IsQueuedWhileOffline()
    {
        var topic = $"{Prefix}/offline";
        var client = $"{Prefix}-offline";
        await Mosquitto("mosquitto_sub", "-V", "mqttv311", "-q", 1, "-c", "-i", client, "-t", topic, "-E").SucceedAsync(ClientTimeout);

        await Amqp("send", "--address", "/topics/" + topic, "--count", 3, "--body", "string").SucceedAsync(ClientTimeout);
        var sub = Mosquitto("mosquitto_sub", "-V", "mqttv311", "-q", 1, "-c", "-i", client, "-t", topic, "-C", 3, "-W", 20);
        await sub.SucceedAsync(ClientTimeout);

        sub.Lines.Should().Equal("message 0", "message 1", "message 2");
    }
}
