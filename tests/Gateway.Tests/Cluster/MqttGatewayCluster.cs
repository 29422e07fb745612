using System.Net;
using Gateway.Mqtt;
using Gateway.Mqtt.Security;
using Gateway.Mqtt.Transport;
using Gateway.Routing;
using Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Runtime.Hosting;
using TestCluster;

namespace Gateway.Tests.Cluster;

/// <summary>
/// An in-process cluster of silos plus stateless MQTT gateways, each a cluster client with its own route cache and
/// listener on a free loopback port: the shape of a production deployment, in one test process.
/// </summary>
internal sealed class MqttGatewayCluster : IAsyncDisposable
{
    private readonly List<(ClusterClient Client, RouteTableCache Routes, MqttListener Listener)> _gateways = [];

    private readonly Func<MqttGatewayOptions> _options;

    private MqttGatewayCluster(InProcessTestCluster cluster, Func<MqttGatewayOptions> options)
    {
        Cluster = cluster;
        _options = options;
    }

    public InProcessTestCluster Cluster { get; }

    public IReadOnlyList<IPEndPoint> Gateways => [.. _gateways.Select(g => g.Listener.TcpEndPoint!)];

    /// <summary>Starts <paramref name="silos"/> silos and <paramref name="gateways"/> gateways with <paramref name="options"/>
    /// (defaults when null; Port and WebSocketPort are set to a free port and off).</summary>
    public static async Task<MqttGatewayCluster> StartAsync(int silos, int gateways, Func<MqttGatewayOptions>? options = null)
    {
        var cluster = await new InProcessTestClusterBuilder
        {
            InitialSilosCount = silos,
            WithClient = false,
            ConfigureGrains = registry => BrokerGrains.Register(registry, NullLoggerFactory.Instance),
        }.BuildAndStartAsync();
        var result = new MqttGatewayCluster(cluster, options ?? (() => new MqttGatewayOptions()));
        for (var i = 0; i < gateways; i++)
        {
            await result.AddGatewayAsync();
        }
        return result;
    }

    private async Task AddGatewayAsync()
    {
        var client = await Cluster.StartClientAsync();
        var routes = new RouteTableCache(client, client, Cluster.LoggerFactory.CreateLogger<RouteTableCache>(), TimeSpan.FromMilliseconds(500));
        await routes.StartAsync();
        var options = _options();
        options.Port = 0;
        options.WebSocketPort = -1;
        var factory = new MqttConnectionFactory(client, client, routes, new UserStoreAuthenticator(client, allowAnonymous: true), options, Cluster.LoggerFactory);
        var listener = new MqttListener(factory, options, Cluster.LoggerFactory.CreateLogger<MqttListener>());
        await listener.StartAsync(CancellationToken.None);
        _gateways.Add((client, routes, listener));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (client, routes, listener) in _gateways)
        {
            await listener.DisposeAsync();
            await routes.DisposeAsync();
            await client.DisposeAsync();
        }
        await Cluster.DisposeAsync();
    }
}
