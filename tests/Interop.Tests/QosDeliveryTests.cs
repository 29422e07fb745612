using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>QoS 0, 1 and 2 from mosquitto_pub to mosquitto_sub, MQTT 3.1.1 and 5.0 (and 3.1): the payload arrives byte
/// for byte, at the QoS it was sent.</summary>
[Trait("Category", "Interop")]
public sealed class QosDeliveryTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(0, "mqttv311")]
    [InlineData(1, "mqttv311")]
    [InlineData(2, "mqttv311")]
    [InlineData(0, "mqttv5")]
    [InlineData(1, "mqttv5")]
    [InlineData(2, "mqttv5")]
    [InlineData(1, "mqttv31")]
    [InlineData(2, "mqttv31")]
    public async Task PublishSubscribe_MosquittoClientsAtQos_DeliversBinaryPayloadByteExact(int qos, string version)
    {
        var (receivedQos, retain, payload, sent) = await RoundTripAsync($"{Prefix}/qos{qos}", qos, version, version, 4096);

        payload.Should().Equal(sent);
        receivedQos.Should().Be(qos);
        retain.Should().Be(0);
    }

    [Theory]
    [InlineData("mqttv311", "mqttv5")]
    [InlineData("mqttv5", "mqttv311")]
    public async Task PublishSubscribe_PublisherAndSubscriberOnDifferentVersions_DeliversAtQos2(string publisherVersion, string subscriberVersion)
    {
        var (receivedQos, _, payload, sent) = await RoundTripAsync($"{Prefix}/mixed", 2, publisherVersion, subscriberVersion, 1000);

        payload.Should().Equal(sent);
        receivedQos.Should().Be(2);
    }

    /// <summary>mosquitto_sub (debug output tells when SUBACK came) prints "PAYLOAD qos retain hex"; mosquitto_pub
    /// sends a binary file with -f.</summary>
    private async Task<(int Qos, int Retain, byte[] Payload, byte[] Sent)> RoundTripAsync(string topic, int qos, string publisherVersion,
        string subscriberVersion, int size)
    {
        var sent = BinaryPayload(size, seed: qos * 31 + size);
        var file = WriteFile($"payload-{qos}-{publisherVersion}.bin", sent);
        var sub = Mosquitto("mosquitto_sub", "-d", "-V", subscriberVersion, "-q", qos, "-t", topic, "-F", "PAYLOAD %q %r %x", "-C", 1, "-W", 25);
        await sub.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK");

        await Mosquitto("mosquitto_pub", "-V", publisherVersion, "-q", qos, "-t", topic, "-f", file).SucceedAsync(ClientTimeout);

        await sub.SucceedAsync(ClientTimeout);
        var line = sub.Lines.Should().ContainSingle(l => l.StartsWith("PAYLOAD ", StringComparison.Ordinal)).Subject;
        var parts = line.Split(' ');
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), Convert.FromHexString(parts[3]), sent);
    }
}
