using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>A 256 KiB payload from mosquitto_pub to mosquitto_sub arrives whole and byte exact.</summary>
[Trait("Category", "Interop")]
public sealed class LargePayloadTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(0, "mqttv311")]
    [InlineData(1, "mqttv311")]
    [InlineData(2, "mqttv5")]
    public async Task Publish_256KiBPayload_RoundTripsByteExact(int qos, string version)
    {
        var topic = $"{Prefix}/large";
        var sent = BinaryPayload(256 * 1024, seed: qos);
        var file = WriteFile("large.bin", sent);
        var sub = Mosquitto("mosquitto_sub", "-d", "-V", version, "-q", qos, "-t", topic, "-F", "PAYLOAD %x", "-C", 1, "-W", 25);
        await sub.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK");

        await Mosquitto("mosquitto_pub", "-V", version, "-q", qos, "-t", topic, "-f", file).SucceedAsync(ClientTimeout);

        await sub.SucceedAsync(ClientTimeout);
        var line = sub.Lines.Should().ContainSingle(l => l.StartsWith("PAYLOAD ", StringComparison.Ordinal)).Subject;
        var received = Convert.FromHexString(line["PAYLOAD ".Length..]);
        received.Length.Should().Be(sent.Length);
        received.Should().Equal(sent);
    }
}
