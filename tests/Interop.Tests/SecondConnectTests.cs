using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>A second CONNECT on one connection is a protocol error [MQTT-3.1.0-2]: v5 gets DISCONNECT 0x82 (Protocol
/// Error) and the connection closes; v3.1.1 is just closed.</summary>
[Trait("Category", "Interop")]
public sealed class SecondConnectTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task SecondConnect_V5_DisconnectWithProtocolErrorThenClosed()
    {
        using var socket = await ConnectedAsync(5);

        await socket.SendAsync(RawMqttSocket.Connect(5, $"{Prefix}-twice"));

        var packet = await socket.ReadPacketAsync();
        packet.Should().NotBeNull("a v5 client is told why before the close");
        packet!.Value.Header.Should().Be(0xE0, "DISCONNECT");
        packet.Value.Body.Should().NotBeEmpty();
        packet.Value.Body[0].Should().Be(0x82, "Protocol Error");
        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(15))).Should().BeTrue();
    }

    [Fact]
    public async Task SecondConnect_V311_ConnectionClosed()
    {
        using var socket = await ConnectedAsync(4);

        await socket.SendAsync(RawMqttSocket.Connect(4, $"{Prefix}-twice"));

        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(15))).Should().BeTrue();
    }

    private async Task<RawMqttSocket> ConnectedAsync(int protocolLevel)
    {
        var socket = await RawMqttSocket.ConnectAsync(Broker.Host, Broker.MqttPort);
        await socket.SendAsync(RawMqttSocket.Connect(protocolLevel, $"{Prefix}-twice"));
        var connack = await socket.ReadPacketAsync();
        connack.Should().NotBeNull();
        connack!.Value.Header.Should().Be(0x20, "CONNACK");
        connack.Value.Body[1].Should().Be(0x00, "accepted");
        return socket;
    }
}
