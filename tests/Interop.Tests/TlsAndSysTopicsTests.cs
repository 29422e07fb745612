using System.Globalization;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>MQTT over TLS (8883 by default) and AMQP over TLS (5671) with a configured certificate, and the $SYS/broker statistics.</summary>
[Trait("Category", "Interop")]
public sealed class TlsAndSysTopicsTests(TlsBrokerFixture broker, ITestOutputHelper output)
    : InteropTest<TlsBrokerFixture>(broker, output), IClassFixture<TlsBrokerFixture>
{
    private string Tls => Broker.TlsPort.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task PublishSubscribe_OverTls_Delivered(string version)
    {
        var sub = Mosquitto("mosquitto_sub", "-p", Tls, "--cafile", Broker.CaPath, "-V", version, "-q", "1", "-t", $"{Prefix}/#", "-C", "1", "-v", "-d");
        await sub.WaitForLineAsync(l => l.Contains("SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK over TLS");
        var pub = Mosquitto("mosquitto_pub", "-p", Tls, "--cafile", Broker.CaPath, "-V", version, "-q", "1", "-t", $"{Prefix}/secure", "-m", "over tls");

        (await pub.WaitForExitAsync(ClientTimeout)).Should().Be(0, pub.Describe());
        (await sub.WaitForExitAsync(ClientTimeout)).Should().Be(0, sub.Describe());
        sub.Lines.Should().Contain($"{Prefix}/secure over tls");
    }

    [Fact]
    public async Task Amqp_OverTls_SendAndReceive_TheCertificateVerifiedAgainstItsCa()
    {
        var port = Broker.AmqpTlsPort.ToString(CultureInfo.InvariantCulture);
        var queue = $"/queues/{Prefix}-tls";

        await Amqp("send", "--port", port, "--ssl-ca", Broker.CaPath, "--address", queue, "--count", 3, "--body", "string").SucceedAsync(ClientTimeout);
        var receive = Amqp("receive", "--port", port, "--ssl-ca", Broker.CaPath, "--address", queue, "--count", 3);
        await receive.SucceedAsync(ClientTimeout);

        receive.Events("message").Select(m => m.GetProperty("text").GetString()).Should().Equal("message 0", "message 1", "message 2");
        var plain = Amqp("send", "--port", port, "--address", queue, "--timeout", 5);
        (await plain.WaitForExitAsync(ClientTimeout)).Should().NotBe(0, "a plain AMQP client cannot speak to the TLS port");
    }

    /// <summary>The last answer before a close is flushed before the connection is torn down: over TLS, cancelling the
    /// writer right after the read loop lost it (the AMQP connection had the same race).</summary>
    [Fact]
    public async Task Refusals_OverTls_TheReasonArrivesBeforeTheClose()
    {
        for (var i = 0; i < 5; i++)
        {
            using (var refused = await RawMqttSocket.ConnectTlsAsync(Broker.Host, Broker.TlsPort, Broker.CaPath))
            {
                await refused.SendAsync(RawMqttSocket.Connect(5, $"{Prefix}-scram-{i}", RawMqttSocket.Property(0x15, "GS2-KRB5")));
                await EnhancedAuthenticationTests.ExpectBadAuthenticationMethodAsync(refused, "GS2-KRB5");
            }

            using var disconnected = await RawMqttSocket.ConnectTlsAsync(Broker.Host, Broker.TlsPort, Broker.CaPath);
            await disconnected.SendAsync(RawMqttSocket.Connect(5, $"{Prefix}-auth-{i}"));
            (await disconnected.ReadPacketAsync())!.Value.Body[1].Should().Be(0x00, "accepted");
            await disconnected.SendAsync(RawMqttSocket.Auth(0x19, "GS2-KRB5"));
            await EnhancedAuthenticationTests.ExpectAuthProtocolErrorAsync(disconnected);
        }
    }

    [Fact]
    public async Task Connect_TlsPortWithoutTls_IsRefused()
    {
        var pub = Mosquitto("mosquitto_pub", "-p", Tls, "-q", "1", "-t", $"{Prefix}/x", "-m", "plain");

        (await pub.WaitForExitAsync(ClientTimeout)).Should().NotBe(0, "a plain MQTT client cannot speak to the TLS port");
    }

    [Fact]
    public async Task SysTopics_Subscribed_ReportConnectedClientsAndUptime()
    {
        var sub = Mosquitto("mosquitto_sub", "-t", "$SYS/broker/#", "-v", "-W", "10", "-C", "5");

        (await sub.WaitForExitAsync(ClientTimeout)).Should().Be(0, sub.Describe());
        sub.Lines.Should().Contain(l => l.StartsWith("$SYS/broker/uptime ", StringComparison.Ordinal) && l.EndsWith(" seconds", StringComparison.Ordinal));
        sub.Lines.Should().Contain(l => l.StartsWith("$SYS/broker/clients/connected ", StringComparison.Ordinal));
        sub.Lines.Should().Contain(l => l.StartsWith("$SYS/broker/version ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SysTopics_NotMatchedByLeadingWildcard()
    {
        var sub = Mosquitto("mosquitto_sub", "-t", "#", "-v", "-W", "3");

        await sub.WaitForExitAsync(ClientTimeout);
        sub.Lines.Should().NotContain(l => l.StartsWith("$SYS", StringComparison.Ordinal), "[MQTT-4.7.2-1]");
    }
}
