using System.Security.Cryptography;
using System.Text.Json;
using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>qpid-proton sends to and receives from queues: every address form, settled and unsettled, the message's
/// properties and header fields round trip, and large messages (1 MiB and 50 MiB) arrive whole.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpSendReceiveTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData("/queues/{0}", "/queues/{0}")]
    [InlineData("queue://{0}", "/queues/{0}")]
    [InlineData("{0}", "queue://{0}")]
    public async Task SendUnsettled_ThenReceive_EveryAddressFormNamesTheSameQueue(string sendForm, string receiveForm)
    {
        var queue = $"{Prefix}-forms";
        var send = Amqp("send", "--address", string.Format(sendForm, queue), "--count", 20, "--durable");
        await send.SucceedAsync(ClientTimeout);
        send.Events("sent").Single().GetProperty("accepted").GetInt32().Should().Be(20);

        var receive = Amqp("receive", "--address", string.Format(receiveForm, queue), "--count", 20, "--receive-timeout", 5);
        await receive.SucceedAsync(ClientTimeout);

        var seqs = receive.Events("message").Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).ToList();
        seqs.Should().Equal(Enumerable.Range(0, 20), "a queue delivers in order");
    }

    [Fact]
    public async Task SendSettled_AtMostOnce_MessagesStillArrive()
    {
        var queue = $"/queues/{Prefix}-settled";
        await Amqp("send", "--address", queue, "--count", 10, "--settled").SucceedAsync(ClientTimeout);

        var receive = Amqp("receive", "--address", queue, "--count", 10, "--receive-timeout", 5);
        await receive.SucceedAsync(ClientTimeout);

        receive.Events("message").Should().HaveCount(10);
    }

    [Fact]
    public async Task Properties_HeaderAndPropertiesAndApplicationProperties_RoundTrip()
    {
        var queue = $"/queues/{Prefix}-props";
        await Amqp("send", "--address", queue, "--body", "string", "--durable", "--priority", 7, "--ttl", 60, "--content-type", "text/plain",
            "--correlation-id", "corr-1", "--reply-to", "/queues/replies", "--message-id", "id-1",
            "--properties", """{"color":"red","weight":12,"ok":true,"ratio":0.5}""").SucceedAsync(ClientTimeout);

        var receive = Amqp("receive", "--address", queue, "--count", 1);
        await receive.SucceedAsync(ClientTimeout);

        var message = receive.Events("message").Single();
        message.GetProperty("text").GetString().Should().Be("message 0");
        message.GetProperty("body_kind").GetString().Should().Be("string");
        message.GetProperty("durable").GetBoolean().Should().BeTrue();
        message.GetProperty("priority").GetInt32().Should().Be(7);
        message.GetProperty("ttl").GetDouble().Should().BeInRange(1, 60, "the remaining time to live is sent");
        message.GetProperty("content_type").GetString().Should().Be("text/plain");
        message.GetProperty("correlation_id").GetString().Should().Be("corr-1");
        message.GetProperty("reply_to").GetString().Should().Be("/queues/replies");
        message.GetProperty("id").GetString().Should().Be("id-1");
        message.GetProperty("first_acquirer").GetBoolean().Should().BeTrue();
        message.GetProperty("delivery_count").GetInt32().Should().Be(0);
        var properties = message.GetProperty("properties");
        properties.GetProperty("color").GetString().Should().Be("red");
        properties.GetProperty("weight").GetInt32().Should().Be(12);
        properties.GetProperty("ok").GetBoolean().Should().BeTrue();
        properties.GetProperty("ratio").GetDouble().Should().Be(0.5);
    }

    [Fact]
    public async Task MapBody_AmqpValueOtherThanStringOrBinary_ArrivesAsSent()
    {
        var queue = $"/queues/{Prefix}-map";
        await Amqp("send", "--address", queue, "--body", "map").SucceedAsync(ClientTimeout);

        var receive = Amqp("receive", "--address", queue, "--count", 1);
        await receive.SucceedAsync(ClientTimeout);

        var message = receive.Events("message").Single();
        message.GetProperty("body_kind").GetString().Should().Be("dict");
        message.GetProperty("text").GetString().Should().Contain("'text': 'message 0'").And.Contain("'i': 0");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public async Task LargeMessage_MultiFrameTransfersBothWays_ArrivesByteExact(int mebibytes)
    {
        var payload = BinaryPayload(mebibytes * 1024 * 1024, seed: mebibytes);
        var file = WriteFile($"large-{mebibytes}.bin", payload);
        var queue = $"/queues/{Prefix}-large{mebibytes}";
        var timeout = TimeSpan.FromSeconds(120);

        await Amqp("send", "--address", queue, "--file", file, "--timeout", 110).SucceedAsync(timeout);
        var receive = Amqp("receive", "--address", queue, "--count", 1, "--credit", 1, "--receive-timeout", 100, "--timeout", 110);
        await receive.SucceedAsync(timeout);

        var message = receive.Events("message").Single();
        message.GetProperty("length").GetInt32().Should().Be(payload.Length);
        message.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(payload)));
    }

    [Fact]
    public async Task Receiver_ConnectionClosedWithoutAccepting_MessagesComeBackWithDeliveryCount()
    {
        var queue = $"/queues/{Prefix}-unsettled";
        await Amqp("send", "--address", queue, "--count", 3).SucceedAsync(ClientTimeout);

        await Amqp("receive", "--address", queue, "--count", 3, "--outcome", "none").SucceedAsync(ClientTimeout);
        var again = Amqp("receive", "--address", queue, "--count", 3, "--receive-timeout", 5);
        await again.SucceedAsync(ClientTimeout);

        var messages = again.Events("message");
        messages.Should().HaveCount(3, "unsettled deliveries of a closed link return to the queue");
        messages.Select(m => m.GetProperty("delivery_count").GetInt32()).Should().OnlyContain(c => c == 1);
        messages.Select(m => m.GetProperty("first_acquirer").GetBoolean()).Should().OnlyContain(f => !f);
    }

    internal static JsonElement Single(ClientProcess client, string name) => client.Events(name).Should().ContainSingle().Subject;
}
