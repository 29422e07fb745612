using System.Text;
using System.Text.Json;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>MQTT 5.0 topic aliases from the broker to subscribers (§3.3.2.3.4): a paho v5 subscriber that announces a
/// Topic Alias Maximum gets every message under its right topic, the wire shows the aliases really used (empty topic +
/// alias on a repeat), and a subscriber that announced none never sees one.</summary>
[Trait("Category", "Interop")]
public sealed class OutboundTopicAliasTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    private const byte TopicAlias = 0x23;
    private const byte TopicAliasMaximum = 0x22;

    [Fact]
    public async Task PahoV5Subscriber_AnnouncesTopicAliasMaximum_ManyMessagesOnFewTopicsReportedUnderTheirTopics()
    {
        var topics = new[] { "sensors/kitchen/temperature", "sensors/hall/humidity", "sensors/garage/door" };
        var subscriber = Paho("sub.py", "--version", "5", "--topic", $"{Prefix}/#", "--qos", 1, "--count", 3 * 30,
            "--topic-alias-maximum", 3, "--timeout", 60);
        await subscriber.WaitForEventAsync("ready", ClientTimeout);

        // Three publishers at once: the topics interleave on the subscriber's connection.
        var publishers = topics.Select(topic => MosquittoWithInput("mosquitto_pub",
            string.Concat(Enumerable.Range(0, 30).Select(i => $"{topic}#{i}\n")), "-q", 1, "-t", $"{Prefix}/{topic}", "-l")).ToList();
        foreach (var publisher in publishers)
        {
            await publisher.SucceedAsync(ClientTimeout);
        }
        await subscriber.SucceedAsync(TimeSpan.FromSeconds(60));

        var messages = subscriber.Events("message");
        messages.Should().HaveCount(90);
        foreach (var message in messages)
        {
            var payload = Payload(message);
            message.GetProperty("topic").GetString().Should().Be($"{Prefix}/{payload[..payload.IndexOf('#', StringComparison.Ordinal)]}",
                "the subscriber resolves each alias to the topic the message was published to");
        }
        foreach (var topic in topics)
        {
            messages.Where(m => m.GetProperty("topic").GetString() == $"{Prefix}/{topic}").Select(Payload)
                .Should().Equal(Enumerable.Range(0, 30).Select(i => $"{topic}#{i}"), "in order per topic");
        }
        messages.Should().Contain(m => m.GetProperty("wire_topic").GetString() == "", "aliases were really used");
        messages.Select(m => m.GetProperty("properties").GetProperty("TopicAlias").GetInt32()).Should().OnlyContain(a => a >= 1 && a <= 3,
            "never above the Topic Alias Maximum the client announced [MQTT-3.1.2-26]");
    }

    [Fact]
    public async Task PahoV5Subscriber_WithoutTopicAliasMaximum_NeverGetsAnAlias()
    {
        var subscriber = Paho("sub.py", "--version", "5", "--topic", $"{Prefix}/#", "--qos", 1, "--count", 5, "--timeout", 40);
        await subscriber.WaitForEventAsync("ready", ClientTimeout);

        await MosquittoWithInput("mosquitto_pub", "1\n2\n3\n4\n5\n", "-q", 1, "-t", $"{Prefix}/same", "-l").SucceedAsync(ClientTimeout);
        await subscriber.SucceedAsync(ClientTimeout);

        var messages = subscriber.Events("message");
        messages.Should().HaveCount(5);
        messages.Select(m => m.GetProperty("wire_topic").GetString()).Should().OnlyContain(t => t == $"{Prefix}/same");
        messages.Select(m => m.GetProperty("properties").TryGetProperty("TopicAlias", out var alias)).Should().OnlyContain(has => !has, "[MQTT-3.1.2-27]");
    }

    [Fact]
    public async Task RawSubscriber_WithTopicAliasMaximum_SecondPublishOfATopicHasEmptyTopicAndTheAlias()
    {
        using var socket = await SubscribedAsync("raw", RawMqttSocket.Property(TopicAliasMaximum, 4));

        await MosquittoWithInput("mosquitto_pub", "first\nsecond\n", "-t", $"{Prefix}/raw", "-l").SucceedAsync(ClientTimeout);

        var first = await ReadPublishAsync(socket);
        var second = await ReadPublishAsync(socket);
        first.Topic.Should().Be($"{Prefix}/raw");
        first.Properties[TopicAlias].Should().Be((ushort)1);
        Encoding.UTF8.GetString(first.Payload).Should().Be("first");
        second.Topic.Should().BeEmpty("the client maps alias 1 now");
        second.Properties[TopicAlias].Should().Be((ushort)1);
        Encoding.UTF8.GetString(second.Payload).Should().Be("second");
    }

    [Fact]
    public async Task RawSubscriber_WithoutTopicAliasMaximum_EveryPublishHasItsTopicAndNoAlias()
    {
        using var socket = await SubscribedAsync("plain", []);

        await MosquittoWithInput("mosquitto_pub", "first\nsecond\n", "-t", $"{Prefix}/plain", "-l").SucceedAsync(ClientTimeout);

        foreach (var publish in new[] { await ReadPublishAsync(socket), await ReadPublishAsync(socket) })
        {
            publish.Topic.Should().Be($"{Prefix}/plain");
            publish.Properties.Should().NotContainKey(TopicAlias);
        }
    }

    /// <summary>A raw v5 client with CONNECT properties <paramref name="properties"/>, subscribed at QoS 0 to {prefix}/#.</summary>
    private async Task<RawMqttSocket> SubscribedAsync(string name, byte[] properties)
    {
        var socket = await RawMqttSocket.ConnectAsync(Broker.Host, Broker.MqttPort);
        await socket.SendAsync(RawMqttSocket.Connect(5, $"{Prefix}-{name}", properties));
        var connack = await socket.ReadPacketAsync();
        connack!.Value.Header.Should().Be(0x20);
        connack.Value.Body[1].Should().Be(0x00);
        await socket.SendAsync(RawMqttSocket.Subscribe($"{Prefix}/#", 0));
        (await socket.ReadPacketAsync())!.Value.Header.Should().Be(0x90, "SUBACK");
        return socket;
    }

    private static async Task<(string Topic, int PacketId, Dictionary<byte, object> Properties, byte[] Payload)> ReadPublishAsync(RawMqttSocket socket)
    {
        var packet = await socket.ReadPacketAsync();
        packet.Should().NotBeNull();
        (packet!.Value.Header & 0xF0).Should().Be(0x30, "PUBLISH");
        return RawMqttSocket.ParsePublish(packet.Value.Header, packet.Value.Body);
    }

    private static string Payload(JsonElement message) =>
        Encoding.UTF8.GetString(Convert.FromHexString(message.GetProperty("payload").GetString()!));
}
