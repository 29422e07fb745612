using System.Text;
using Cluster.Tests.Infrastructure;

namespace Cluster.Tests;

/// <summary>
/// A silo separated from PostgreSQL does not acknowledge anything it cannot make durable, and recovers when the
/// database returns: one silo with its co-hosted gateway on a PostgreSQL server of the test's own, a QoS 1 publisher
/// and a persistent subscriber; the server is stopped (<c>pg_ctl stop -m immediate</c>) for about 5 s and started
/// again on the same port, and the broker is not restarted.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan _outage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _recoveryTimeout = TimeSpan.FromSeconds(90);

    // No xunit Timeout: a timed-out test is abandoned without its finally, which would leave broker processes running.
    // Every wait inside is bounded instead.
    [Fact]
    public async Task A_silo_without_its_database_acknowledges_nothing_it_cannot_make_durable_and_recovers_when_it_returns()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var runDirectory = Directory.CreateTempSubdirectory($"cluster-pg-outage-{run}-").FullName;
        var report = new StringBuilder();
        PostgresServer? server = null;
        TestDatabase? database = null;
        BrokerNode? silo = null;
        var clients = new List<ClientProcess>();
        var passed = false;
        void Say(string line)
        {
            var stamped = $"[{DeliveryAnalysis.Clock(Scenario.Now())}] {line}";
            report.AppendLine(stamped);
            output.WriteLine(stamped);
        }
        try
        {
            server = await PostgresServer.StartNewAsync();
            database = await TestDatabase.CreateAsync(server.ConnectionString(), "cluster_outage");
            Say($"PostgreSQL of the test's own on port {server.Port}, database {database.Name}; logs in {runDirectory}");
            silo = await BrokerNode.StartSiloAsync(runDirectory, "silo-1", $"outage-{run}", database.ConnectionString, clients: true, _startTimeout);
            Say($"silo-1 {silo.SiloAddress} with its gateway on MQTT port {silo.MqttPort}");

            var topic = $"outage/{run}";
            int[] ports = [silo.MqttPort];
            var subscriber = ClientProcess.Start(runDirectory, "sub", publisher: false, ports, $"outage-{run}-sub", topic + "/#", ["--quiet", "5"]);
            clients.Add(subscriber);
            await Scenario.PollAsync(() => subscriber.ReadLog().SubAcks.Count > 0, _startTimeout, "the subscriber's SUBACK", () => subscriber.Output);
            await Scenario.ProbeRoutesAsync($"{topic}/probe", [("silo-1", silo.MqttPort)], [subscriber], _startTimeout);
            var publisher = ClientProcess.Start(runDirectory, "pub", publisher: true, ports, $"outage-{run}-pub", $"{topic}/data",
                ["--interval", "0.05", "--window", "10", "--drain", "60"]);
            clients.Add(publisher);
            DeliveryAnalysis Analyse() => new([publisher.ReadLog()], [subscriber.ReadLog()]);
            string Describe() => $"{Analyse().Totals()}\n--- pub:\n{publisher.Output}\n--- sub:\n{subscriber.Output}\n--- postgres:\n{server.LogTail()}";
            await Scenario.PollAsync(() => subscriber.ReadLog().Received.Count(r => r.Id.StartsWith("pub:", StringComparison.Ordinal)) >= 20,
                _startTimeout, "20 messages at the subscriber", Describe);
            Say($"steady: {Analyse().Totals()}");

            // --- the outage --------------------------------------------------------------------------------------------
            var stopAt = Scenario.Now();
            await server.StopImmediateAsync();
            var stopped = Scenario.Now();
            Say($"PostgreSQL stopped (pg_ctl stop -m immediate, took {(stopped - stopAt) / 1000.0:0.0} s)");
            var health = new List<string>();
            while (Scenario.Now() - stopped < _outage.TotalMilliseconds)
            {
                health.Add($"{(Scenario.Now() - stopped) / 1000.0:0.0}s {await silo.HealthTextAsync()}");
                await Task.Delay(1000);
            }
            var restartAt = Scenario.Now();
            await server.StartAsync();
            var restarted = Scenario.Now();
            Say($"silo-1 /healthz during the outage: {string.Join("; ", health)}");
            Say($"PostgreSQL started again on port {server.Port} after {(restartAt - stopped) / 1000.0:0.0} s down (start took {(restarted - restartAt) / 1000.0:0.0} s)");

            // --- recovery without restarting the broker -----------------------------------------------------------------
            // Measured from the moment pg_ctl start was run: the broker may reconnect before pg_ctl notices the server is up.
            await Scenario.PollAsync(() => Analyse().HasResumed(restartAt), _recoveryTimeout,
                "a PUBACK and a delivery of a message published after PostgreSQL returned", Describe);
            var resumed = Analyse().ResumedAfter(restartAt, Scenario.Now());
            Say($"after PostgreSQL returned: PUBACKs resumed after {DeliveryAnalysis.Seconds(resumed.PublishSeconds)}, deliveries after " +
                $"{DeliveryAnalysis.Seconds(resumed.DeliverySeconds)}; silo-1 /healthz {await silo.HealthTextAsync()}");
            await Task.Delay(TimeSpan.FromSeconds(3));
            publisher.Stop();
            await publisher.WaitForExitAsync(TimeSpan.FromSeconds(90));
            try
            {
                await Scenario.PollAsync(() => Analyse().ConfirmedButLost().Count == 0, TimeSpan.FromSeconds(75), "every PUBACKed message at the subscriber",
                    interval: TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                Say($"after 75 s of draining, {Analyse().ConfirmedButLost().Count} PUBACKed messages are still missing");
            }
            subscriber.Stop();
            await subscriber.WaitForExitAsync(TimeSpan.FromSeconds(90));

            // --- the verdict --------------------------------------------------------------------------------------------
            var analysis = Analyse();
            var pub = publisher.ReadLog();
            var sub = subscriber.ReadLog();
            var lost = analysis.ConfirmedButLost();
            var duplicates = analysis.Duplicates([new Disruption("the PostgreSQL outage", stopAt, Scenario.Now())]);
            var order = analysis.OrderViolations();
            var sentDuringOutage = pub.Sent.Where(s => s.Value >= stopAt && s.Value <= restartAt).Select(s => s.Key).ToList();
            var ackedInOutageWindow = pub.Acked.Where(a => a.Value > stopped && a.Value < restartAt).Select(a => a.Key).ToList();
            var unacked = pub.Sent.Keys.Where(id => !pub.Acked.ContainsKey(id)).ToList();
            Say($"totals: {analysis.Totals()}");
            Say($"while PostgreSQL was down ({DeliveryAnalysis.Clock(stopped)}..{DeliveryAnalysis.Clock(restartAt)}): {sentDuringOutage.Count} messages first published, " +
                $"{ackedInOutageWindow.Count} PUBACKs received ({string.Join(", ", ackedInOutageWindow.Take(20))}); the publisher's connections: " +
                string.Join(", ", pub.Connects.Select(c => $"{DeliveryAnalysis.Clock(c.Time)} session present {c.SessionPresent}")) +
                $"; lost connections: {string.Join(", ", pub.Disconnects.Select(d => $"{DeliveryAnalysis.Clock(d.Time)} rc {d.Why}"))}" +
                $"; failed connection attempts: {pub.FailedAttempts.Count} ({string.Join(", ", pub.FailedAttempts.GroupBy(f => f.Why).Select(g => $"{g.Key} x{g.Count()}"))})");
            Say($"the subscriber's connections: {string.Join(", ", sub.Connects.Select(c => $"{DeliveryAnalysis.Clock(c.Time)} session present {c.SessionPresent}"))}");
            Say($"confirmed-but-lost: {lost.Count}; duplicates {duplicates.Total} ({duplicates.PublisherResent} resent by the publisher, " +
                $"{duplicates.Unexplained.Count} unexplained); order violations {order.Count}; never PUBACKed {unacked.Count}; silo-1 log: {silo.LogLevelSummary()}");

            var problems = new List<string>();
            if (silo.Process.HasExited)
            {
                problems.Add($"silo-1 exited ({silo.Process.ExitCode}) instead of riding out the outage");
            }
            if (!health.Any(h => h.Contains("503 database unreachable", StringComparison.Ordinal)))
            {
                problems.Add($"silo-1 /healthz never reported the unreachable database during the outage: {string.Join("; ", health)}");
            }
            var healthAfter = await silo.HealthTextAsync();
            if (!healthAfter.StartsWith("200", StringComparison.Ordinal))
            {
                problems.Add($"silo-1 /healthz after the recovery: {healthAfter}");
            }
            if (lost.Count > 0)
            {
                // A PUBACK sent during the outage would have to be durable: it is checked here, after recovery.
                problems.Add($"{lost.Count} PUBACKed messages never reached the subscriber:\n  " + string.Join("\n  ", lost.Take(50)));
            }
            if (duplicates.Unexplained.Count > 0)
            {
                problems.Add($"{duplicates.Unexplained.Count} unexplained duplicates:\n  " + string.Join("\n  ", duplicates.Unexplained.Take(20)));
            }
            if (order.Count > 0)
            {
                problems.Add($"{order.Count} order violations:\n  " + string.Join("\n  ", order.Take(20).Select(v => v.ToString())));
            }
            if (unacked.Count > 0)
            {
                problems.Add($"{unacked.Count} messages never PUBACKed after the recovery: {string.Join(", ", unacked.Take(20))}");
            }
            File.WriteAllText(Path.Combine(runDirectory, "report.txt"), report.ToString());
            problems.Should().BeEmpty("a silo must not acknowledge what it cannot make durable and must recover (logs in {0})", runDirectory);
            passed = true;
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
            if (database is not null)
            {
                await database.DisposeAsync();
            }
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            if (passed && Environment.GetEnvironmentVariable("CLUSTER_TESTS_KEEP_LOGS") != "1")
            {
                FailoverTests.TryDelete(runDirectory);
            }
            else
            {
                output.WriteLine($"logs kept in {runDirectory}");
            }
        }
    }
}
