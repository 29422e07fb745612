using System.Net;
using Gateway.Amqp;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Transport;
using Gateway.Mqtt.Security;
using Gateway.Routing;
using Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Runtime.Hosting;
using TestCluster;

namespace Gateway.Tests.Cluster;

/// <summary>An in-process cluster of silos plus one AMQP gateway (a cluster client with a route cache and a listener on a
/// free loopback port).</summary>
internal sealed class AmqpGatewayCluster : IAsyncDisposable
{
    private ClusterClient? _client;
    private RouteTableCache? _routes;
    private AmqpListener? _listener;

    private AmqpGatewayCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IPEndPoint EndPoint => _listener!.TcpEndPoint!;

    public static async Task<AmqpGatewayCluster> StartAsync(AmqpGatewayOptions options, int silos = 1)
    {
        var cluster = await new InProcessTestClusterBuilder
        {
            InitialSilosCount = silos,
            WithClient = false,
            ConfigureGrains = registry => BrokerGrains.Register(registry, NullLoggerFactory.Instance),
        }.BuildAndStartAsync();
        var result = new AmqpGatewayCluster(cluster);
        result._client = await cluster.StartClientAsync();
        result._routes = new RouteTableCache(result._client, result._client, cluster.LoggerFactory.CreateLogger<RouteTableCache>(), TimeSpan.FromMilliseconds(500));
        await result._routes.StartAsync();
        options.Port = 0;
        var factory = new AmqpConnectionFactory(new AmqpBridge(result._client, result._client, result._routes),
            new UserStoreAuthenticator(result._client, options.AllowAnonymous), options, cluster.LoggerFactory);
        result._listener = new AmqpListener(factory, options, cluster.LoggerFactory.CreateLogger<AmqpListener>());
        await result._listener.StartAsync(CancellationToken.None);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
        if (_routes is not null)
        {
            await _routes.DisposeAsync();
        }
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
        await Cluster.DisposeAsync();
    }
}
