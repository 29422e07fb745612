using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>MQTT 5.0 enhanced authentication (§4.12), which the broker does not offer (user name and password only): a
/// CONNECT naming an Authentication Method gets CONNACK 0x8C with a reason and is closed [MQTT-4.12.0-1]; an AUTH
/// packet is a protocol error, DISCONNECT 0x82 with a reason [MQTT-4.12.0-7]; under 3.1.1 packet type 15 is reserved
/// (malformed, closed). The broker goes on serving.</summary>
[Trait("Category", "Interop")]
public sealed class EnhancedAuthenticationTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    private const byte ReasonString = 0x1F;

    [Fact]
    public async Task Connect_WithAuthenticationMethod_ConnAckBadAuthenticationMethodThenClosed()
    {
        using var socket = await RawMqttSocket.ConnectAsync(Broker.Host, Broker.MqttPort);

        await socket.SendAsync(RawMqttSocket.Connect(5, $"{Prefix}-scram", RawMqttSocket.Property(0x15, "SCRAM-SHA-1")));

        await ExpectBadAuthenticationMethodAsync(socket, "SCRAM-SHA-1");
        await AssertClientsServedAsync();
    }

    [Fact]
    public async Task Auth_AfterPlainConnect_DisconnectProtocolErrorWithReasonThenClosed()
    {
        using var socket = await ConnectedAsync(5);

        await socket.SendAsync(RawMqttSocket.Auth(0x19, "SCRAM-SHA-1"));

        await ExpectAuthProtocolErrorAsync(socket);
        await AssertClientsServedAsync();
    }

    [Fact]
    public async Task PacketType15_V311_MalformedConnectionClosed()
    {
        using var socket = await ConnectedAsync(4);

        await socket.SendAsync([0xF0, 0x00]);

        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(15))).Should().BeTrue("3.1.1 §2.2.1: type 15 is reserved");
        await AssertClientsServedAsync();
    }

    /// <summary>The CONNACK 0x8C with a Reason String naming the method, then the close.</summary>
    internal static async Task ExpectBadAuthenticationMethodAsync(RawMqttSocket socket, string method)
    {
        var connack = await socket.ReadPacketAsync();
        connack.Should().NotBeNull("the refusal arrives before the close");
        connack!.Value.Header.Should().Be(0x20, "CONNACK");
        connack.Value.Body[1].Should().Be(0x8C, "Bad authentication method [MQTT-4.12.0-1]");
        var properties = RawMqttSocket.ReadProperties(connack.Value.Body, 2);
        ((string)properties[ReasonString]).Should().Contain(method).And.Contain("user name and password");
        properties.Should().NotContainKey(0x15, "no Authentication Method back [MQTT-4.12.0-6]");
        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(15))).Should().BeTrue("[MQTT-4.12.0-1] MUST close");
    }

    /// <summary>The DISCONNECT 0x82 with a Reason String about AUTH, then the close.</summary>
    internal static async Task ExpectAuthProtocolErrorAsync(RawMqttSocket socket)
    {
        var disconnect = await socket.ReadPacketAsync();
        disconnect.Should().NotBeNull("a v5 client is told why before the close");
        disconnect!.Value.Header.Should().Be(0xE0, "DISCONNECT");
        disconnect.Value.Body[0].Should().Be(0x82, "Protocol Error");
        ((string)RawMqttSocket.ReadProperties(disconnect.Value.Body, 1)[ReasonString]).Should().Contain("AUTH");
        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(15))).Should().BeTrue();
    }

    private async Task<RawMqttSocket> ConnectedAsync(int protocolLevel)
    {
        var socket = await RawMqttSocket.ConnectAsync(Broker.Host, Broker.MqttPort);
        await socket.SendAsync(RawMqttSocket.Connect(protocolLevel, $"{Prefix}-plain"));
        var connack = await socket.ReadPacketAsync();
        connack!.Value.Header.Should().Be(0x20, "CONNACK");
        connack.Value.Body[1].Should().Be(0x00, "accepted");
        return socket;
    }

    private async Task AssertClientsServedAsync()
    {
        var topic = $"{Prefix}/after";
        var sub = Mosquitto("mosquitto_sub", "-V", "mqttv5", "-d", "-q", 1, "-t", topic, "-F", "PAYLOAD %p", "-C", 1, "-W", 20);
        await sub.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK");
        await Mosquitto("mosquitto_pub", "-V", "mqttv5", "-q", 1, "-t", topic, "-m", "still serving").SucceedAsync(ClientTimeout);
        await sub.SucceedAsync(ClientTimeout);
        sub.Lines.Should().Contain("PAYLOAD still serving");
    }
}
