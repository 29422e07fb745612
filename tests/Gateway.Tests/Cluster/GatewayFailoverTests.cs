using Grains.Interfaces.Queues;
using Grains.Interfaces.Sessions;
using Runtime.Identity;
using Runtime.Placement;
using Xunit.Abstractions;

namespace Gateway.Tests.Cluster;

/// <summary>Sessions live in grains, never in a gateway: a client resumes through another gateway, after a silo died.</summary>
[Trait("Category", "Cluster")]
public sealed class GatewayFailoverTests
{
    private readonly ITestOutputHelper _output;

    public GatewayFailoverTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task PersistentSession_ReconnectsThroughOtherGatewayAfterItsSiloIsKilled_GetsEveryQos1Message()
    {
        await using var broker = await MqttGatewayCluster.StartAsync(silos: 3, gateways: 2);
        var (gatewayA, gatewayB) = (broker.Gateways[0], broker.Gateways[1]);
        var clientId = $"roamer-{Guid.NewGuid():N}"[..20];

        // Subscribe at QoS 1 with a persistent session through gateway A, then go away.
        var subscribed = await MosquittoClient.RunAsync("mosquitto_sub", gatewayA,
            ["-i", clientId, "-c", "-q", "1", "-t", "room/#", "-E", "-V", "mqttv311"]);
        subscribed.ExitCode.Should().Be(0, subscribed.Output);

        // Kill (no goodbye) the silo that holds the session's inbox.
        var inbox = GrainId.Create(QueueGrainKind.Name, SessionGrainKind.InboxQueue(clientId));
        var view = broker.Cluster.Silos[0].Membership.Current.ActiveSilos;
        var owner = broker.Cluster.Silos.Single(s => s.Address == RendezvousPlacementDirector.Instance.PickOwner(inbox, view));
        await broker.Cluster.KillSiloAsync(owner);

        // Publish through gateway B while the subscriber is away (and while the cluster notices the death).
        var lines = string.Join('\n', Enumerable.Range(1, 50).Select(i => $"message-{i}")) + "\n";
        var published = await MosquittoClient.RunAsync("mosquitto_pub", gatewayB, ["-q", "1", "-t", "room/kitchen", "-l"], stdin: lines,
            timeout: TimeSpan.FromSeconds(60));
        published.ExitCode.Should().Be(0, published.Output);

        // Reconnect through gateway B: every message published while away arrives, in order.
        var received = await MosquittoClient.RunAsync("mosquitto_sub", gatewayB,
            ["-i", clientId, "-c", "-q", "1", "-t", "room/#", "-C", "50", "-W", "30", "-V", "mqttv311"], timeout: TimeSpan.FromSeconds(40));
        _output.WriteLine(received.Output);

        received.ExitCode.Should().Be(0, received.Output);
        received.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().Equal(Enumerable.Range(1, 50).Select(i => $"message-{i}"));
    }
}
