using Gateway.Mqtt;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Cluster;

namespace Gateway.Tests.Mqtt.Session;

/// <summary>Topic aliases on the PUBLISHes the broker sends (MQTT 5.0 §3.3.2.3.4), seen on the wire by a raw client:
/// only towards a client that announced a Topic Alias Maximum, never above it or the broker's cap, reset with every
/// connection, and counted in the packet size the client allows.</summary>
[Trait("Category", "Cluster")]
public sealed class OutboundTopicAliasProtocolTests : IAsyncLifetime
{
    private MqttGatewayCluster _cluster = null!;
    private readonly string _prefix = "alias" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() =>
        _cluster = await MqttGatewayCluster.StartAsync(silos: 1, gateways: 1, () => new MqttGatewayOptions { OutboundTopicAliasMaximum = 3 });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Deliveries_ClientAnnouncesTopicAliasMaximum_RepeatsCarryOnlyTheAlias()
    {
        await using var subscriber = await SubscribedAsync("sub", new MqttProperties { TopicAliasMaximum = 10 });

        await PublishAsync("a", "b", "a", "b", "a");

        var received = await subscriber.ReadPublishesAsync(5);
        received.Select(Wire).Should().Equal(($"{_prefix}/a", 1), ($"{_prefix}/b", 2), ("", 1), ("", 2), ("", 1));
    }

    [Fact]
    public async Task Deliveries_MoreTopicsThanAliases_LeastRecentlyUsedAliasTakenOver()
    {
        await using var subscriber = await SubscribedAsync("lru", new MqttProperties { TopicAliasMaximum = 2 });

        await PublishAsync("a", "b", "a", "c", "b", "c", "a");

        var received = await subscriber.ReadPublishesAsync(7);
        received.Select(Wire).Should().Equal(
            ($"{_prefix}/a", 1), ($"{_prefix}/b", 2), ("", 1),
            ($"{_prefix}/c", 2), // b was the least recently used: its alias now means c
            ($"{_prefix}/b", 1), ("", 2),
            ($"{_prefix}/a", 1));
    }

    [Fact]
    public async Task Deliveries_ClientAllowsMoreThanTheBrokerCap_AliasesStayWithinTheCap()
    {
        await using var subscriber = await SubscribedAsync("cap", new MqttProperties { TopicAliasMaximum = 100 });

        await PublishAsync("a", "b", "c", "d", "e");

        var received = await subscriber.ReadPublishesAsync(5);
        received.Select(p => p.Properties!.TopicAlias!.Value).Should().OnlyContain(alias => alias >= 1 && alias <= 3, "Mqtt:OutboundTopicAliasMaximum is 3");
        received.Select(p => p.TopicName).Should().Equal(new[] { "a", "b", "c", "d", "e" }.Select(t => $"{_prefix}/{t}"));
    }

    [Fact]
    public async Task Deliveries_ClientWithoutTopicAliasMaximum_NeverAliased()
    {
        await using var subscriber = await SubscribedAsync("none", properties: null);

        await PublishAsync("a", "a", "a");

        var received = await subscriber.ReadPublishesAsync(3);
        received.Should().OnlyContain(p => p.TopicName == $"{_prefix}/a" && (p.Properties == null || p.Properties.TopicAlias == null), "[MQTT-3.1.2-27]");
    }

    [Fact]
    public async Task Redelivery_AfterReconnect_FullTopicWithoutAliasThenFreshAliases()
    {
        var clientId = $"{_prefix}-redeliver";
        var properties = new MqttProperties { TopicAliasMaximum = 10, SessionExpiryInterval = 300 };
        await using (var first = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]))
        {
            (await first.ConnectMqttAsync(clientId, properties)).ReasonCode.Should().Be(MqttReasonCode.Success);
            await first.SubscribeAsync($"{_prefix}/#", MqttQualityOfService.AtLeastOnce);
            await PublishAsync("a", "a");
            var unacknowledged = new List<PublishPacket>();
            while (unacknowledged.Count < 2)
            {
                if (await first.ReadAsync() is PublishPacket publish)
                {
                    unacknowledged.Add(publish); // never acknowledged: owed again after the reconnect
                }
            }
            unacknowledged.Select(Wire).Should().Equal(($"{_prefix}/a", 1), ("", 1));
        }

        await using var second = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);
        var connAck = await second.ConnectMqttAsync(clientId, properties, cleanStart: false);
        connAck.SessionPresent.Should().BeTrue();
        var resent = await second.ReadPublishesAsync(2);
        resent.Should().OnlyContain(p => p.Dup && p.TopicName == $"{_prefix}/a" && p.Properties!.TopicAlias == null,
            "a resend carries its topic: the new connection knows no aliases");
        await PublishAsync("a", "a");
        (await second.ReadPublishesAsync(2)).Select(Wire).Should().Equal(($"{_prefix}/a", 1), ("", 1));
    }

    [Fact]
    public async Task Deliveries_OnlyTheAliasedFormFitsTheClientsMaximumPacketSize_DeliveredAliased()
    {
        const uint maximum = 1000;
        var topic = new string('t', 300);
        await using var subscriber = await SubscribedAsync("size", new MqttProperties { TopicAliasMaximum = 10, MaximumPacketSize = maximum });

        await PublishSizesAsync(topic, 10, 800, 5000, 20);

        var received = await subscriber.ReadPublishesAsync(3);
        received.Select(p => p.Payload.Length).Should().Equal([10, 800, 20], "the 5000-byte one is too large even aliased: discarded [MQTT-3.1.2-25]");
        received[1].TopicName.Should().BeEmpty("with its topic the packet would exceed the client's maximum");
        received.Should().OnlyContain(p => MqttPacketWriter.GetPublishSize(p, MqttProtocolVersion.V500) <= maximum, "[MQTT-3.1.2-24]");
    }

    private async Task<RawMqttClient> SubscribedAsync(string name, MqttProperties? properties)
    {
        var client = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);
        (await client.ConnectMqttAsync($"{_prefix}-{name}", properties)).ReasonCode.Should().Be(MqttReasonCode.Success);
        await client.SubscribeAsync($"{_prefix}/#", MqttQualityOfService.AtLeastOnce);
        return client;
    }

    /// <summary>QoS 1 publishes to {prefix}/{level}, one after the other (each acknowledged before the next).</summary>
    private async Task PublishAsync(params string[] levels)
    {
        await using var publisher = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);
        (await publisher.ConnectMqttAsync($"{_prefix}-pub-{Guid.NewGuid():N}")).ReasonCode.Should().Be(MqttReasonCode.Success);
        ushort id = 1;
        foreach (var level in levels)
        {
            await publisher.SendAsync(new PublishPacket
            {
                TopicName = $"{_prefix}/{level}", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = id++,
            });
            (await publisher.ReadAsync()).Should().BeOfType<PubAckPacket>();
        }
    }

    private async Task PublishSizesAsync(string level, params int[] sizes)
    {
        await using var publisher = await RawMqttClient.ConnectAsync(_cluster.Gateways[0]);
        (await publisher.ConnectMqttAsync($"{_prefix}-pub-{Guid.NewGuid():N}")).ReasonCode.Should().Be(MqttReasonCode.Success);
        ushort id = 1;
        foreach (var size in sizes)
        {
            await publisher.SendAsync(new PublishPacket
            {
                TopicName = $"{_prefix}/{level}", Payload = new byte[size], QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = id++,
            });
            (await publisher.ReadAsync()).Should().BeOfType<PubAckPacket>();
        }
    }

    private static (string Topic, int Alias) Wire(PublishPacket publish) => (publish.TopicName, publish.Properties?.TopicAlias ?? 0);
}
