using System.Text.Json;
using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>What Qpid JMS / ActiveMQ clients rely on, with qpid-proton speaking it on the wire: the offered connection
/// capabilities, a bare address whose node kind the terminus capability says (echoed in the attach), the anonymous
/// relay routing each message by its <c>to</c>, queue browsers (distribution-mode copy) and dynamic temporary topics.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpJmsCompatTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Open_OffersAnonymousRelayAndDelayedDelivery()
    {
        var client = Amqp("open");
        await client.SucceedAsync(ClientTimeout);

        Strings(client.Events("open").Should().ContainSingle().Subject.GetProperty("offered"))
            .Should().BeEquivalentTo("ANONYMOUS-RELAY", "DELAYED_DELIVERY");
    }

    [Fact]
    public async Task BareAddress_TopicCapability_IsTheTopic_ReachesMqttAndAmqpSubscribers()
    {
        var topic = $"{Prefix}/orders";
        var mqtt = Mosquitto("mosquitto_sub", "-d", "-q", 1, "-t", topic, "-C", 2, "-W", 20);
        await mqtt.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK");
        var amqp = Amqp("receive", "--address", topic, "--capability", "topic", "--count", 2, "--receive-timeout", 20);
        var attached = await amqp.WaitForEventAsync("attached", ClientTimeout);

        var sender = Amqp("send", "--address", topic, "--capability", "topic", "--count", 2, "--body", "string");
        await Task.WhenAll(sender.SucceedAsync(ClientTimeout), amqp.SucceedAsync(ClientTimeout), mqtt.SucceedAsync(ClientTimeout));

        Strings(attached.GetProperty("capabilities")).Should().Equal("topic");
        Strings(sender.Events("attached").Should().ContainSingle().Subject.GetProperty("capabilities")).Should().Equal("topic");
        amqp.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal("message 0", "message 1");
        mqtt.Lines.Should().Contain("message 0").And.Contain("message 1");
    }

    [Fact]
    public async Task BareAddress_QueueCapabilityOrNone_IsTheQueue_CapabilityEchoed()
    {
        var queue = $"{Prefix}-orders";
        var sender = Amqp("send", "--address", queue, "--capability", "queue", "--count", 2);
        await sender.SucceedAsync(ClientTimeout);
        var receiver = Amqp("receive", "--address", $"/queues/{queue}", "--count", 2);
        await receiver.SucceedAsync(ClientTimeout);

        Strings(sender.Events("attached").Should().ContainSingle().Subject.GetProperty("capabilities")).Should().Equal("queue");
        Strings(receiver.Events("attached").Should().ContainSingle().Subject.GetProperty("capabilities")).Should().Equal("queue");
        receiver.Events("message").Should().HaveCount(2);
    }

    [Fact]
    public async Task AnonymousRelay_TwoQueuesAndATopicOnOneLink_EachMessageRoutedByItsTo()
    {
        var topic = $"{Prefix}/relay";
        var topicReceiver = Amqp("receive", "--address", "/topics/" + topic, "--count", 2, "--receive-timeout", 20);
        await topicReceiver.WaitForEventAsync("attached", ClientTimeout);

        var relay = Amqp("relay",
            "--to", $"/queues/{Prefix}-a",
            "--to", $"{Prefix}-b",
            "--to", $"topic://{topic}",
            "--to", $"queue://{Prefix}-a",
            "--to", $"{topic}|{1}", // a bare 'to' that x-opt-jms-dest says is a topic (Qpid JMS)
            "--to", $"{Prefix}-b|{0}");
        await Task.WhenAll(relay.SucceedAsync(ClientTimeout), topicReceiver.SucceedAsync(ClientTimeout));

        relay.Events("attached").Should().ContainSingle().Which.GetProperty("target_address").ValueKind.Should().Be(JsonValueKind.Null);
        relay.Events("outcome").Select(e => e.GetProperty("state").GetString()).Should().Equal(Enumerable.Repeat("accepted", 6));
        topicReceiver.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal("message 2", "message 4");
        var a = Amqp("receive", "--address", $"/queues/{Prefix}-a", "--count", 5, "--receive-timeout", 2);
        var b = Amqp("receive", "--address", $"/queues/{Prefix}-b", "--count", 5, "--receive-timeout", 2);
        await Task.WhenAll(a.SucceedAsync(ClientTimeout), b.SucceedAsync(ClientTimeout));
        a.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal("message 0", "message 3");
        b.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal("message 1", "message 5");
    }

    [Fact]
    public async Task Browse_ReturnsEveryMessage_LeavesThemInTheQueue()
    {
        var queue = $"/queues/{Prefix}-browse";
        await Amqp("send", "--address", queue, "--count", 5, "--body", "string").SucceedAsync(ClientTimeout);

        var first = Amqp("receive", "--address", queue, "--browse", "--count", -1, "--credit", 2, "--receive-timeout", 3);
        await first.SucceedAsync(ClientTimeout);
        var second = Amqp("receive", "--address", queue, "--browse", "--count", -1, "--receive-timeout", 3);
        await second.SucceedAsync(ClientTimeout);
        var consumer = Amqp("receive", "--address", queue, "--count", 10, "--receive-timeout", 3);
        await consumer.SucceedAsync(ClientTimeout);

        string[] all = ["message 0", "message 1", "message 2", "message 3", "message 4"];
        first.Events("attached").Should().ContainSingle().Which.GetProperty("distribution_mode").GetString().Should().Be("copy");
        first.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal(all, "a browser pages through the queue with the credit it gives");
        second.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal(all, "the first browser (which accepted each message) took nothing");
        consumer.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal(all);
    }

    [Fact]
    public async Task Browse_Drain_AnsweredOnceTheQueueContentIsSent()
    {
        var queue = $"/queues/{Prefix}-browse-drain";
        await Amqp("send", "--address", queue, "--count", 3).SucceedAsync(ClientTimeout);

        var browser = Amqp("drain", "--address", queue, "--browse", "--credit", 10);
        await browser.SucceedAsync(ClientTimeout);
        var consumer = Amqp("drain", "--address", queue, "--credit", 10);
        await consumer.SucceedAsync(ClientTimeout);

        var drained = browser.Events("drained").Should().ContainSingle().Subject;
        drained.GetProperty("received").GetInt32().Should().Be(3);
        drained.GetProperty("credit").GetInt32().Should().Be(0, "the drain consumed the credit the queue's content did not use");
        consumer.Events("drained").Should().ContainSingle().Which.GetProperty("received").GetInt32().Should().Be(3, "browsing took nothing");
    }

    [Fact]
    public async Task DynamicSource_TemporaryTopic_IsATopic_RequestReplyWorks()
    {
        var service = $"/queues/{Prefix}-service";
        var server = Amqp("serve", "--address", service, "--count", 2, "--receive-timeout", 20);
        await server.WaitForEventAsync("attached", ClientTimeout);

        var client = Amqp("request", "--address", service, "--count", 2, "--capability", "temporary-topic", "--receive-timeout", 20);
        await Task.WhenAll(client.SucceedAsync(ClientTimeout), server.SucceedAsync(ClientTimeout));

        var dynamic = client.Events("dynamic").Should().ContainSingle().Subject;
        dynamic.GetProperty("address").GetString().Should().StartWith("/topics/$temp/");
        Strings(dynamic.GetProperty("capabilities")).Should().Equal("temporary-topic");
        client.Events("reply").Select(r => r.GetProperty("text").GetString()).Should().Equal("reply to request 0", "reply to request 1");
    }

    [Theory]
    [InlineData("temporary-queue", "$temp/")]
    [InlineData("temporary-topic", "/topics/$temp/")]
    public async Task DynamicTarget_TemporaryNode_ReceiverOnItsAddressGetsWhatIsSentThere(string capability, string addressStart)
    {
        var client = Amqp("temp", "--capability", capability, "--count", 3, "--receive-timeout", 20);
        await client.SucceedAsync(ClientTimeout);

        var dynamic = client.Events("dynamic").Should().ContainSingle().Subject;
        dynamic.GetProperty("address").GetString().Should().StartWith(addressStart);
        Strings(dynamic.GetProperty("capabilities")).Should().Equal(capability);
        client.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal("message 0", "message 1", "message 2");
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
