using Gateway.Mqtt.Codec;
using Gateway.Tests.Cluster;

namespace Gateway.Tests.Mqtt.Session;

/// <summary>MQTT 5.0 enhanced authentication (§4.12), which the broker does not offer: a CONNECT naming a method is
/// refused with 0x8C and a reason, an AUTH packet is a protocol error, and the broker goes on serving.</summary>
[Trait("Category", "Cluster")]
public sealed class EnhancedAuthenticationProtocolTests : IAsyncLifetime
{
    private MqttGatewayCluster _cluster = null!;
    private readonly string _prefix = "auth" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() => _cluster = await MqttGatewayCluster.StartAsync(silos: 1, gateways: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Connect_WithAuthenticationMethod_RefusedWithBadAuthenticationMethodAndClosed()
    {
        await using var client = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);

        var connAck = await client.ConnectMqttAsync($"{_prefix}-scram",
            new MqttProperties { AuthenticationMethod = "SCRAM-SHA-256", AuthenticationData = new byte[] { 1, 2, 3 } });

        connAck.ReasonCode.Should().Be(MqttReasonCode.BadAuthenticationMethod, "[MQTT-4.12.0-1]");
        connAck.Properties!.ReasonString.Should().Contain("SCRAM-SHA-256").And.Contain("user name and password");
        connAck.Properties.AuthenticationMethod.Should().BeNull("[MQTT-4.12.0-6]");
        (await client.ClosedByBrokerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue("[MQTT-4.12.0-1] MUST close");
        await AssertServesNextClientAsync();
    }

    [Fact]
    public async Task Connect_AuthenticationMethodAndTinyMaximumPacketSize_RefusedWithoutTheReasonString()
    {
        await using var client = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);

        var connAck = await client.ConnectMqttAsync($"{_prefix}-tiny", new MqttProperties { AuthenticationMethod = "KERBEROS", MaximumPacketSize = 16 });

        connAck.ReasonCode.Should().Be(MqttReasonCode.BadAuthenticationMethod);
        connAck.Properties?.ReasonString.Should().BeNull("[MQTT-3.2.2-19] not if it takes the CONNACK over the client's maximum");
        (await client.ClosedByBrokerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Fact]
    public async Task Connect_AuthenticationDataWithoutMethod_RefusedWithProtocolError()
    {
        await using var client = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);

        var connAck = await client.ConnectMqttAsync($"{_prefix}-data", new MqttProperties { AuthenticationData = new byte[] { 7 } });

        connAck.ReasonCode.Should().Be(MqttReasonCode.ProtocolError, "MQTT 5.0 §3.1.2.11.10");
        (await client.ClosedByBrokerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Fact]
    public async Task Auth_AfterPlainConnect_DisconnectWithProtocolErrorAndReasonThenClosed()
    {
        await using var client = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);
        (await client.ConnectMqttAsync($"{_prefix}-auth")).ReasonCode.Should().Be(MqttReasonCode.Success);

        await client.SendAsync(new AuthPacket
        {
            ReasonCode = MqttReasonCode.ReAuthenticate,
            Properties = new MqttProperties { AuthenticationMethod = "SCRAM-SHA-1" },
        });

        var disconnect = (await client.ReadAsync()).Should().BeOfType<DisconnectPacket>().Subject;
        disconnect.ReasonCode.Should().Be(MqttReasonCode.ProtocolError, "[MQTT-4.12.0-7]");
        disconnect.Properties!.ReasonString.Should().Contain("AUTH");
        (await client.ClosedByBrokerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
        await AssertServesNextClientAsync();
    }

    private async Task AssertServesNextClientAsync()
    {
        await using var next = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);
        (await next.ConnectMqttAsync($"{_prefix}-next-{Guid.NewGuid():N}")).ReasonCode.Should().Be(MqttReasonCode.Success);
        await next.SubscribeAsync($"{_prefix}/x", MqttQualityOfService.AtMostOnce);
    }
}
