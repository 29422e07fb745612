using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>Dynamic receivers (temporary reply queues for request/reply), durable topic subscriptions that keep
/// messages while their receiver is away, and JMS selectors on queues and topics.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpNodeTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task DynamicReceiver_RequestReply_ReplyArrivesOnTheTemporaryQueue()
    {
        var service = $"/queues/{Prefix}-service";
        var server = Amqp("serve", "--address", service, "--count", 3, "--receive-timeout", 20);
        await server.WaitForEventAsync("attached", ClientTimeout);

        var client = Amqp("request", "--address", service, "--count", 3, "--receive-timeout", 20);
        await Task.WhenAll(client.SucceedAsync(ClientTimeout), server.SucceedAsync(ClientTimeout));

        var replyTo = client.Events("dynamic").Should().ContainSingle().Subject.GetProperty("address").GetString();
        replyTo.Should().StartWith("$temp/");
        server.Events("served").Select(e => e.GetProperty("reply_to").GetString()).Should().OnlyContain(r => r == replyTo);
        client.Events("reply").Select(r => r.GetProperty("text").GetString())
            .Should().Equal("reply to request 0", "reply to request 1", "reply to request 2");
        client.Events("reply").Select(r => r.GetProperty("correlation_id").GetString()).Should().Equal("c0", "c1", "c2");
    }

    [Fact]
    public async Task DurableSubscription_ReceiverDetached_MessagesPublishedMeanwhileArriveOnReattach()
    {
        var topic = $"{Prefix}/durable";
        string[] subscription = ["--address", "/topics/" + topic, "--durable-subscription", "--container-id", $"{Prefix}-client", "--link-name", "sub1"];
        var first = Amqp("receive", [.. subscription, "--count", 0]);
        await first.SucceedAsync(ClientTimeout); // attaches, then detaches without closing: the subscription stays

        await Amqp("send", "--address", "/topics/" + topic, "--count", 3, "--body", "string").SucceedAsync(ClientTimeout);
        await Mosquitto("mosquitto_pub", "-q", 1, "-t", topic, "-m", "from mqtt").SucceedAsync(ClientTimeout);

        var second = Amqp("receive", [.. subscription, "--count", 4, "--close-link"]);
        await second.SucceedAsync(ClientTimeout);
        second.Events("message").Select(BodyText).Should().Equal("message 0", "message 1", "message 2", "from mqtt");

        // The client closed the link: the subscription is gone, so what is published now is kept for no one.
        await Amqp("send", "--address", "/topics/" + topic, "--count", 1, "--body", "string").SucceedAsync(ClientTimeout);
        var third = Amqp("receive", [.. subscription, "--count", 1, "--receive-timeout", 2, "--close-link"]);
        await third.SucceedAsync(ClientTimeout);
        third.Events("message").Should().BeEmpty();
    }

    [Fact]
    public async Task Selector_OnQueue_ReceiverGetsOnlyMatchingMessages_OthersStay()
    {
        var queue = $"/queues/{Prefix}-selector";
        await Amqp("send", "--address", queue, "--count", 3, "--properties", """{"color":"red","weight":5}""").SucceedAsync(ClientTimeout);
        await Amqp("send", "--address", queue, "--count", 2, "--properties", """{"color":"blue","weight":50}""").SucceedAsync(ClientTimeout);

        var heavyBlue = Amqp("receive", "--address", queue, "--selector", "color = 'blue' AND weight > 10", "--count", 5, "--receive-timeout", 3);
        await heavyBlue.SucceedAsync(ClientTimeout);
        var rest = Amqp("receive", "--address", queue, "--count", 5, "--receive-timeout", 3);
        await rest.SucceedAsync(ClientTimeout);

        heavyBlue.Events("message").Select(m => m.GetProperty("properties").GetProperty("color").GetString()).Should().Equal("blue", "blue");
        rest.Events("message").Select(m => m.GetProperty("properties").GetProperty("color").GetString()).Should().Equal("red", "red", "red");
    }

    [Fact]
    public async Task Selector_OnTopic_ReceiverGetsOnlyMatchingMessages()
    {
        var topic = $"{Prefix}/sel";
        var receiver = Amqp("receive", "--address", "/topics/" + topic, "--selector", "weight BETWEEN 10 AND 20 OR color LIKE 'gr%'",
            "--count", 10, "--receive-timeout", 3);
        await receiver.WaitForEventAsync("attached", ClientTimeout);

        await Amqp("send", "--address", "/topics/" + topic, "--count", 1, "--properties", """{"weight":15}""").SucceedAsync(ClientTimeout);
        await Amqp("send", "--address", "/topics/" + topic, "--count", 1, "--properties", """{"weight":25}""").SucceedAsync(ClientTimeout);
        await Amqp("send", "--address", "/topics/" + topic, "--count", 1, "--properties", """{"color":"green"}""").SucceedAsync(ClientTimeout);
        await receiver.SucceedAsync(ClientTimeout);

        receiver.Events("message").Select(m => m.GetProperty("properties").ToString())
            .Should().HaveCount(2).And.Contain(p => p.Contains("15")).And.Contain(p => p.Contains("green"));
    }

    [Fact]
    public async Task Selector_Invalid_AttachRefusedWithInvalidField()
    {
        var receiver = Amqp("receive", "--address", $"/queues/{Prefix}-bad", "--selector", "color = ");
        (await receiver.WaitForExitAsync(ClientTimeout)).Should().Be(4, receiver.Describe());

        var error = receiver.Events("attach-error").Should().ContainSingle().Subject;
        error.GetProperty("condition").GetString().Should().Be("amqp:invalid-field");
        error.GetProperty("description").GetString().Should().Contain("Selector error at position");
    }

    /// <summary>The body as text: an amqp-value string, or data bytes (an MQTT payload without a format indicator) as UTF-8.</summary>
    internal static string? BodyText(System.Text.Json.JsonElement message) =>
        message.GetProperty("text").GetString()
        ?? System.Text.Encoding.UTF8.GetString(Convert.FromHexString(message.GetProperty("hex").GetString() ?? string.Empty));
}
