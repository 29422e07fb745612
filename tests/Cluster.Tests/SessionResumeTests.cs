using Cluster.Tests.Infrastructure;
using Grains.Interfaces.Sessions;

namespace Cluster.Tests;

/// <summary>
/// Regression tests of two bugs the failover tests found (fixed in SessionGrain): a subscriber that resumes its session
/// through another gateway after its gateway died gets every message at once (the dead connection's consumers are
/// detached at takeover), and a session that moves to another silo keeps its healthy connection (the owning connection
/// is durable session state).
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class SessionResumeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_subscriber_that_resumed_its_session_on_another_gateway_gets_every_message_at_once()
    {
        await using var run = await ClusterRun.StartAsync(output, "bug-gw", silos: 1, gateways: 2);
        var (gw1, gw2) = (run.Gateways[0].MqttPort, run.Gateways[1].MqttPort);
        var sub = run.Client("sub", publisher: false, [gw1, gw2], "sub", $"{run.Topic}/#", ["--quiet", "5"]);
        await Scenario.PollAsync(() => sub.ReadLog().SubAcks.Count > 0, _startTimeout, "the SUBACK");
        await Scenario.ProbeRoutesAsync($"{run.Topic}/probe", [("gateway-1", gw1), ("gateway-2", gw2)], [sub], _startTimeout);
        var pub = run.Client("pub", publisher: true, [gw2], "pub", $"{run.Topic}/data", ["--interval", "0.05", "--window", "10"]);
        await Scenario.PollAsync(() => sub.ReadLog().Received.Count(r => r.Id.StartsWith("pub:", StringComparison.Ordinal)) >= 20, _startTimeout,
            "20 messages at the subscriber");

        var killed = Scenario.Now();
        await run.Gateways[0].KillAsync();
        await Scenario.PollAsync(() => sub.ReadLog().Connects.Any(c => c.Time >= killed), _startTimeout, "the subscriber's reconnection");
        await Task.Delay(TimeSpan.FromSeconds(5));
        pub.Stop();
        await pub.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5));

        var analysis = new DeliveryAnalysis([pub.ReadLog()], [sub.ReadLog()]);
        var missing = analysis.ConfirmedButLost();
        output.WriteLine($"5 s after the publisher stopped, {missing.Count} PUBACKed messages had not reached the subscriber");
        if (missing.Count > 0)
        {
            var late = await Scenario.PollAsync(() => new DeliveryAnalysis([pub.ReadLog()], [sub.ReadLog()]).ConfirmedButLost().Count == 0,
                TimeSpan.FromSeconds(60), "the late messages");
            output.WriteLine($"they arrived {late.TotalSeconds + 5:0.0} s after the publisher stopped ({(Scenario.Now() - killed) / 1000.0:0.0} s after the kill)");
        }
        missing.Should().BeEmpty("a resumed session gets what is published to it without waiting for the dead connection's lease");
    }

    [Fact]
    public async Task A_graceful_silo_stop_does_not_disconnect_clients_whose_session_moves()
    {
        await using var run = await ClusterRun.StartAsync(output, "bug-renew", silos: 2, gateways: 1);
        var view = (await run.Silos[0].StatusAsync()).ActiveSilos;
        var leaving = run.Silos[1];
        string clientId = "";
        for (var i = 0; clientId.Length == 0; i++)
        {
            var candidate = $"{run.Id}-sub-{i}";
            if (Scenario.OwnerOf(SessionGrainKind.Name, candidate, view) == leaving.SiloAddress)
            {
                clientId = candidate;
            }
        }
        var port = run.Gateways[0].MqttPort;
        var sub = run.Client("sub", publisher: false, [port], clientId, $"{run.Topic}/#", ["--quiet", "5"], exactClientId: true);
        await Scenario.PollAsync(() => sub.ReadLog().SubAcks.Count > 0, _startTimeout, "the SUBACK");

        var exit = await leaving.TerminateAsync(TimeSpan.FromSeconds(60));
        var stopped = Scenario.Now();
        output.WriteLine($"silo-2, owner of session {clientId}, stopped gracefully (exit {exit})");
        await Task.Delay(TimeSpan.FromSeconds(15));
        var lost = sub.ReadLog().Disconnects.Where(d => d.Time > stopped).ToList();
        output.WriteLine($"the subscriber's connection was closed {lost.Count} time(s) in the 15 s after: " +
            string.Join(", ", lost.Select(d => $"{(d.Time - stopped) / 1000.0:0.0} s after the stop")));
        lost.Should().BeEmpty("a session that moves between silos keeps its live connection");
    }

    /// <summary>A small cluster of the test's own: database, silos (MQTT off), gateways, clients; all stopped at the end.</summary>
    private sealed class ClusterRun : IAsyncDisposable
    {
        private readonly List<ClientProcess> _clients = [];
        private PostgresServer? _server;
        private TestDatabase? _database;

        public required string Id { get; init; }

        public required string Directory { get; init; }

        public List<BrokerNode> Silos { get; } = [];

        public List<BrokerNode> Gateways { get; } = [];

        public string Topic => $"bug/{Id}";

        public static async Task<ClusterRun> StartAsync(ITestOutputHelper output, string name, int silos, int gateways)
        {
            var id = $"{name}-{Guid.NewGuid().ToString("N")[..8]}";
            var run = new ClusterRun { Id = id, Directory = System.IO.Directory.CreateTempSubdirectory($"cluster-{id}-").FullName };
            try
            {
                var admin = Environment.GetEnvironmentVariable("BROKER_TEST_POSTGRES");
                if (string.IsNullOrWhiteSpace(admin))
                {
                    run._server = await PostgresServer.StartNewAsync();
                    admin = run._server.ConnectionString();
                }
                run._database = await TestDatabase.CreateAsync(admin, "cluster_bug");
                var connection = run._database.ConnectionString;
                run.Silos.Add(await BrokerNode.StartSiloAsync(run.Directory, "silo-1", id, connection, clients: false, _startTimeout));
                run.Silos.AddRange(await Task.WhenAll(Enumerable.Range(2, silos - 1)
                    .Select(i => BrokerNode.StartSiloAsync(run.Directory, $"silo-{i}", id, connection, clients: false, _startTimeout))));
                run.Gateways.AddRange(await Task.WhenAll(Enumerable.Range(1, gateways)
                    .Select(j => BrokerNode.StartGatewayAsync(run.Directory, $"gateway-{j}", id, connection, _startTimeout))));
                await Scenario.PollAsync(() => run.Silos.All(s => s.StatusAsync().GetAwaiter().GetResult().ActiveSilos.Count == silos),
                    _startTimeout, $"every silo to see {silos} active silos");
                output.WriteLine($"cluster {id}: {silos} silo(s), {gateways} gateway(s); logs in {run.Directory}");
                return run;
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }
        }

        public ClientProcess Client(string name, bool publisher, int[] ports, string clientId, string topic, string[] extra, bool exactClientId = false)
        {
            var client = ClientProcess.Start(Directory, name, publisher, ports, exactClientId ? clientId : $"{Id}-{clientId}", topic, extra);
            _clients.Add(client);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var c in _clients)
            {
                await c.DisposeAsync();
            }
            await Task.WhenAll(Gateways.Select(g => g.DisposeAsync().AsTask()));
            await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
            if (Environment.GetEnvironmentVariable("CLUSTER_TESTS_KEEP_LOGS") != "1")
            {
                FailoverTests.TryDelete(Directory);
            }
        }
    }
}
