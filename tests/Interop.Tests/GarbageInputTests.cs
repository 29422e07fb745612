using System.Text;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>Bytes that are not MQTT on the MQTT port: the broker closes that connection and goes on serving real clients.</summary>
[Trait("Category", "Interop")]
public sealed class GarbageInputTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GarbageBytes_RandomBytesOnMqttPort_ConnectionClosedAndNextClientServed(int seed)
    {
        var garbage = new byte[2048];
        new Random(seed).NextBytes(garbage);
        garbage[0] = (byte)(0x20 + seed); // not CONNECT (0x10): the first packet must be CONNECT [MQTT-3.1.0-1]

        await SendAndExpectCloseAsync(garbage);

        await AssertClientsServedAsync();
    }

    [Fact]
    public async Task GarbageBytes_HttpRequestOnMqttPort_ConnectionClosedAndNextClientServed()
    {
        await SendAndExpectCloseAsync(Encoding.ASCII.GetBytes("GET /mqtt HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n"));

        await AssertClientsServedAsync();
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task GarbageBytes_AfterValidConnect_ConnectionClosedAndNextClientServed(int protocolLevel)
    {
        using var socket = await RawMqttSocket.ConnectAsync(Broker.Host, Broker.MqttPort);
        await socket.SendAsync(RawMqttSocket.Connect(protocolLevel, $"{Prefix}-garbage"));
        var connack = await socket.ReadPacketAsync();
        connack.Should().NotBeNull();
        connack!.Value.Header.Should().Be(0x20);
        var garbage = new byte[512];
        new Random(protocolLevel).NextBytes(garbage);
        garbage[0] = 0x00; // packet type 0 is reserved: malformed

        await socket.SendAsync(garbage);

        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(15))).Should().BeTrue("the broker closes a connection that sends a malformed packet");
        await AssertClientsServedAsync();
    }

    [Fact]
    public async Task GarbageBytes_ConnectClaimingHugeLength_ClosedWithoutBufferingOrWaiting()
    {
        // CONNECT with remaining length 268,435,455 (the largest there is) - far over the 16 MiB maximum packet size:
        // refused on the header alone, long before the 10 s connect timeout.
        using var socket = await RawMqttSocket.ConnectAsync(Broker.Host, Broker.MqttPort);
        await socket.SendAsync([0x10, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04]);

        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(5))).Should().BeTrue("the length is checked before anything is buffered");
        await AssertClientsServedAsync();
    }

    private async Task SendAndExpectCloseAsync(byte[] garbage)
    {
        using var socket = await RawMqttSocket.ConnectAsync(Broker.Host, Broker.MqttPort);
        try
        {
            await socket.SendAsync(garbage);
        }
        catch (IOException)
        {
            // already closed by the broker after the first bytes: fine
        }
        (await socket.WaitClosedAsync(TimeSpan.FromSeconds(15))).Should().BeTrue("the broker closes a connection that does not start with CONNECT");
    }

    private async Task AssertClientsServedAsync()
    {
        var topic = $"{Prefix}/after-garbage";
        var sub = Mosquitto("mosquitto_sub", "-d", "-q", 1, "-t", topic, "-F", "PAYLOAD %p", "-C", 1, "-W", 20);
        await sub.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK");
        await Mosquitto("mosquitto_pub", "-q", 1, "-t", topic, "-m", "still serving").SucceedAsync(ClientTimeout);
        await sub.SucceedAsync(ClientTimeout);
        sub.Lines.Should().Contain("PAYLOAD still serving");
    }
}
