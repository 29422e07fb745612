using System.Globalization;
using System.Text;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>MQTT over WebSocket (path /mqtt) with paho's websockets transport, alone and mixed with TCP clients.</summary>
[Trait("Category", "Interop")]
public sealed class WebSocketTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData("311", "websockets", "websockets")]
    [InlineData("5", "websockets", "websockets")]
    [InlineData("5", "tcp", "websockets")]
    [InlineData("311", "websockets", "tcp")]
    public async Task PublishSubscribe_PahoOverWebSocket_DeliversEveryMessage(string version, string publisherTransport, string subscriberTransport)
    {
        var topic = $"{Prefix}/ws";
        var subscriber = Paho("sub.py", [.. Transport(subscriberTransport), "--version", version, "--topic", topic, "--qos", 1, "--count", 10, "--timeout", 40]);
        await subscriber.WaitForEventAsync("ready", ClientTimeout);

        await Paho("pub.py", [.. Transport(publisherTransport), "--version", version, "--topic", topic, "--payload-hex", "00ff10",
            "--numbered", "--repeat", 10, "--qos", 1]).SucceedAsync(ClientTimeout);

        await subscriber.SucceedAsync(ClientTimeout);
        subscriber.Events("message").Select(m => m.GetProperty("payload").GetString())
            .Should().Equal(Enumerable.Range(0, 10).Select(i => "00ff10" + Convert.ToHexString(Encoding.ASCII.GetBytes($"-{i}")).ToLowerInvariant()));
    }

    [Theory]
    [InlineData("311")]
    [InlineData("5")]
    public async Task Publish_256KiBPayloadOverWebSocket_RoundTripsByteExact(string version)
    {
        var topic = $"{Prefix}/ws-large";
        var sent = BinaryPayload(256 * 1024, seed: 7);
        var subscriber = Paho("sub.py", [.. Transport("websockets"), "--version", version, "--topic", topic, "--qos", 1, "--count", 1, "--timeout", 40]);
        await subscriber.WaitForEventAsync("ready", ClientTimeout);

        await Paho("pub.py", [.. Transport("websockets"), "--version", version, "--topic", topic, "--payload-file", WriteFile("ws-large.bin", sent),
            "--qos", 1]).SucceedAsync(ClientTimeout);

        await subscriber.SucceedAsync(ClientTimeout);
        var message = subscriber.Events("message").Should().ContainSingle().Subject;
        Convert.FromHexString(message.GetProperty("payload").GetString()!).Should().Equal(sent);
    }

    private object[] Transport(string transport) => transport == "websockets"
        ? ["--transport", "websockets", "--ws-path", Broker.WebSocketPath, "--port", Broker.WebSocketPort.ToString(CultureInfo.InvariantCulture)]
        : ["--transport", "tcp"];
}
