using System.Text;
using Cluster.Tests.Infrastructure;
using Grains.Interfaces.Topics;

namespace Cluster.Tests;

/// <summary>
/// Issue 6's main scenario with real processes on PostgreSQL: 3 silos (no client listeners) and 2 standalone gateways;
/// MQTT QoS 1 publishers and persistent-session subscribers (paho, clean session 0), and an AMQP sender waiting for
/// <c>accepted</c> with an accepting receiver on a durable queue (qpid-proton), run while, in order, a silo is killed
/// (SIGKILL), a gateway is killed (SIGKILL; its clients reconnect to the other gateway and resume), a new silo joins,
/// and a silo is stopped gracefully (SIGTERM). Then, for each protocol: every confirmed message reached every
/// subscriber, duplicates only of messages in flight at a failure, per-publisher order kept, and the time until
/// service resumed after each event is printed.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan _resumeTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan _drainTimeout = TimeSpan.FromSeconds(75);

    // No xunit Timeout: a timed-out test is abandoned without its finally, which would leave broker processes running.
    // Every wait inside is bounded instead.
    [Fact]
    public async Task Silo_crash_gateway_crash_silo_join_and_graceful_stop_lose_no_acknowledged_message()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var runDirectory = Directory.CreateTempSubdirectory($"cluster-failover-{run}-").FullName;
        var report = new StringBuilder();
        PostgresServer? ownServer = null;
        TestDatabase? database = null;
        var silos = new List<BrokerNode>();
        var gateways = new List<BrokerNode>();
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
            // --- PostgreSQL: the run's database, fresh (grain state is keyed by grain id only) -------------------------
            var admin = Environment.GetEnvironmentVariable("BROKER_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(admin))
            {
                ownServer = await PostgresServer.StartNewAsync();
                admin = ownServer.ConnectionString();
                Say($"BROKER_TEST_POSTGRES is not set: started a throwaway PostgreSQL on port {ownServer.Port}");
            }
            database = await TestDatabase.CreateAsync(admin, "cluster_failover");
            var clusterId = $"failover-{run}";
            Say($"database {database.Name}, cluster {clusterId}, logs in {runDirectory}");

            // --- 3 silos (the first alone: it creates the schema), 2 gateways ------------------------------------------
            var clock = System.Diagnostics.Stopwatch.StartNew();
            silos.Add(await BrokerNode.StartSiloAsync(runDirectory, "silo-1", clusterId, database.ConnectionString, clients: false, _startTimeout));
            var more = await Task.WhenAll(
                BrokerNode.StartSiloAsync(runDirectory, "silo-2", clusterId, database.ConnectionString, clients: false, _startTimeout),
                BrokerNode.StartSiloAsync(runDirectory, "silo-3", clusterId, database.ConnectionString, clients: false, _startTimeout));
            silos.AddRange(more);
            var gws = await Task.WhenAll(
                BrokerNode.StartGatewayAsync(runDirectory, "gateway-1", clusterId, database.ConnectionString, _startTimeout),
                BrokerNode.StartGatewayAsync(runDirectory, "gateway-2", clusterId, database.ConnectionString, _startTimeout));
            gateways.AddRange(gws);
            var view = await WaitForViewAsync(silos, 3);
            Say($"cluster up in {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", silos.Select(s => $"{s.Name}={s.SiloAddress}"))}; " +
                $"gateways MQTT {gateways[0].MqttPort}, {gateways[1].MqttPort}");

            // --- placement: the first victim owns the topic grain every publish goes through ----------------------------
            var filter = $"ct/{run}/#";
            var victim1 = NodeOf(silos, Scenario.OwnerOf(TopicGrainKind.Topic, filter, view));
            var subA = Scenario.ClientIdWithInboxOn($"ct-{run}-sub-a", victim1.SiloAddress!, view, on: true);
            var subB = Scenario.ClientIdWithInboxOn($"ct-{run}-sub-b", victim1.SiloAddress!, view, on: false);
            Say($"topic grain {filter} and the inbox of {subA} are on {victim1.Name}; the inbox of {subB} is elsewhere");

            // --- clients: each gateway has one publisher and one subscriber first --------------------------------------
            int[] order1 = [gateways[0].MqttPort, gateways[1].MqttPort];
            int[] order2 = [gateways[1].MqttPort, gateways[0].MqttPort];
            var subscribers = new List<ClientProcess>
            {
                ClientProcess.Start(runDirectory, "sub-a", publisher: false, order1, subA, filter, ["--quiet", "5"]),
                ClientProcess.Start(runDirectory, "sub-b", publisher: false, order2, subB, filter, ["--quiet", "5"]),
            };
            clients.AddRange(subscribers);
            await Scenario.PollAsync(() => subscribers.All(s => s.ReadLog().SubAcks.Count > 0), _startTimeout, "the subscribers' SUBACKs",
                () => string.Join('\n', subscribers.Select(s => $"{s.Name}: {s.Output}")));
            await Scenario.ProbeRoutesAsync($"ct/{run}/probe", [("gateway-1", gateways[0].MqttPort), ("gateway-2", gateways[1].MqttPort)], subscribers, _startTimeout);
            string[] pubArgs = ["--interval", "0.05", "--window", "10", "--drain", "60"];
            var publishers = new List<ClientProcess>
            {
                ClientProcess.Start(runDirectory, "pub-a", publisher: true, order1, $"ct-{run}-pub-a", $"ct/{run}/a", pubArgs),
                ClientProcess.Start(runDirectory, "pub-b", publisher: true, order2, $"ct-{run}-pub-b", $"ct/{run}/b", pubArgs),
            };
            clients.AddRange(publishers);

            // --- AMQP: a durable queue on the first victim, a sender waiting for accepted and an accepting receiver, both
            // on gateway 1 first (killed in event 2) ---------------------------------------------------------------------
            var queue = Scenario.QueueNameOn($"ct-{run}-orders", victim1.SiloAddress!, view);
            int[] amqpOrder = [gateways[0].AmqpPort, gateways[1].AmqpPort];
            var amqpReceiver = ClientProcess.Start(runDirectory, "amqp-sub", publisher: false, amqpOrder, $"ct-{run}-amqp-sub", $"/queues/{queue}",
                ["--quiet", "5"], ClientProcess.AmqpScript);
            var amqpSender = ClientProcess.Start(runDirectory, "amqp-pub", publisher: true, amqpOrder, $"ct-{run}-amqp-pub", $"/queues/{queue}",
                pubArgs, ClientProcess.AmqpScript);
            clients.AddRange([amqpReceiver, amqpSender]);
            Say($"queue {queue} (AMQP) is on {victim1.Name}; gateways AMQP {gateways[0].AmqpPort}, {gateways[1].AmqpPort}");

            var workloads = new List<Workload>
            {
                new("MQTT", publishers, subscribers),
                new("AMQP", [amqpSender], [amqpReceiver]),
            };
            string Describe() => string.Join('\n', workloads.Select(w => $"{w.Protocol}: {w.Analyse().Totals()}")) + "\n" +
                string.Join('\n', clients.Select(c => $"--- {c.Name} output:\n{c.Output}"));
            string Totals() => string.Join("; ", workloads.Select(w => $"{w.Protocol}: {w.Analyse().Totals()}"));
            await Scenario.PollAsync(() => workloads.All(w => w.IsFlowing(20)), _startTimeout,
                "20 messages from each publisher at each subscriber (MQTT and AMQP)", Describe);
            Say($"steady: {Totals()}");

            var events = new List<(string Name, long Time, long Resumed)>();
            async Task<long> ResumeAsync(string name, long time)
            {
                await Scenario.PollAsync(() => workloads.All(w => w.Analyse().HasResumed(time)), _resumeTimeout, $"service to resume after {name}", Describe);
                var resumed = Scenario.Now();
                foreach (var w in workloads)
                {
                    var r = w.Analyse().ResumedAfter(time, resumed);
                    Say($"{name}: {w.Protocol} confirms resumed after {DeliveryAnalysis.Seconds(r.PublishSeconds)}, deliveries after {DeliveryAnalysis.Seconds(r.DeliverySeconds)} ({r.Detail})");
                }
                events.Add((name, time, resumed));
                await Task.Delay(_settle);
                return resumed;
            }

            // --- 1. SIGKILL the silo with the topic grain ----------------------------------------------------------------
            // Event times of the kills are taken once the process is gone: a PUBLISH sent after that cannot be served by it.
            await victim1.KillAsync();
            var t1 = Scenario.Now();
            Say($"event 1: SIGKILL {victim1.Name} ({victim1.SiloAddress})");
            var survivors = silos.Where(s => s != victim1).ToList();
            var declaredDead = Scenario.PollAsync(() => ViewOf(survivors[0]) is { Count: 2 }, _resumeTimeout, "the survivors' view without the killed silo",
                interval: TimeSpan.FromMilliseconds(100));
            await ResumeAsync($"SIGKILL {victim1.Name}", t1);
            Say($"  {survivors[0].Name}'s view dropped {victim1.Name} {(await declaredDead).TotalSeconds:0.0} s after the kill (Broker:DeathTimeout 8 s)");

            // --- 2. SIGKILL gateway 1: its clients move to gateway 2 ----------------------------------------------------
            await gateways[0].KillAsync();
            var t2 = Scenario.Now();
            Say("event 2: SIGKILL gateway-1");
            await ResumeAsync("SIGKILL gateway-1", t2);

            // --- 3. a new silo joins ------------------------------------------------------------------------------------
            var t3Start = Scenario.Now();
            var silo4 = await BrokerNode.StartSiloAsync(runDirectory, "silo-4", clusterId, database.ConnectionString, clients: false, _startTimeout);
            silos.Add(silo4);
            var t3 = Scenario.Now();
            Say($"event 3: silo-4 ({silo4.SiloAddress}) active {(t3 - t3Start) / 1000.0:0.0} s after its start");
            await ResumeAsync("silo-4 joined", t3);
            var liveSilos = silos.Where(s => s != victim1).ToList();
            var view3 = await WaitForViewAsync(liveSilos, 3);

            // --- 4. SIGTERM the silo that now owns the topic grain ------------------------------------------------------
            var victim2 = NodeOf(liveSilos, Scenario.OwnerOf(TopicGrainKind.Topic, filter, view3));
            var t4 = Scenario.Now();
            var exit = await victim2.TerminateAsync(TimeSpan.FromSeconds(60));
            var t4Exit = Scenario.Now();
            Say($"event 4: SIGTERM {victim2.Name} (owner of the topic grain): exited {exit} after {(t4Exit - t4) / 1000.0:0.0} s");
            await ResumeAsync($"SIGTERM {victim2.Name}", t4);

            // --- stop: publishers finish (outstanding PUBACKs), subscribers drain until quiet ---------------------------
            var allPublishers = workloads.SelectMany(w => w.Publishers).ToList();
            var allSubscribers = workloads.SelectMany(w => w.Subscribers).ToList();
            foreach (var p in allPublishers)
            {
                p.Stop();
            }
            await Task.WhenAll(allPublishers.Select(p => p.WaitForExitAsync(TimeSpan.FromSeconds(90))));
            // Drain: wait until every PUBACKed message reached every subscriber (bounded: a delivery handed to a dead
            // connection comes back only when that consumer's lease of 30 s runs out), then until they are quiet.
            var drainStart = Scenario.Now();
            try
            {
                await Scenario.PollAsync(() => workloads.All(w => w.Analyse().ConfirmedButLost().Count == 0), _drainTimeout,
                    "every confirmed message at every subscriber", interval: TimeSpan.FromSeconds(1));
                Say($"every confirmed message had reached every subscriber {(Scenario.Now() - drainStart) / 1000.0:0.0} s after the publishers stopped");
            }
            catch (TimeoutException)
            {
                Say($"after {_drainTimeout.TotalSeconds:0} s of draining, {workloads.Sum(w => w.Analyse().ConfirmedButLost().Count)} confirmed messages are still missing");
            }
            foreach (var s in allSubscribers)
            {
                s.Stop();
            }
            await Task.WhenAll(allSubscribers.Select(s => s.WaitForExitAsync(TimeSpan.FromSeconds(90))));
            var end = Scenario.Now();

            // --- the verdict --------------------------------------------------------------------------------------------
            // A disruption lasts until service resumed, and at least 12 s: a join or a graceful stop moves grains over the
            // next seconds (view refresh 1 s, then deactivation with flush), and a moved session or queue is only noticed by
            // its connection at the next renewal (every 10 s). A delivery in flight then may come again (DUP set).
            var disruptions = events.Select(e => new Disruption(e.Name, e.Time, Math.Max(e.Resumed, e.Time + 12_000))).ToList();
            // A grain's owner change (a silo killed, stopped or joining) no longer reorders the calls pending on it
            // (Runtime/Messaging/CallOrdering.cs): messages in flight at that moment must arrive in order too. Before the
            // fix the MQTT run showed 28 such violations every time; they are still reported apart, and fail the test.
            var ownerChangeWindows = events.Where(e => e.Name.StartsWith("SIGKILL silo", StringComparison.Ordinal)
                    || e.Name.StartsWith("SIGTERM silo", StringComparison.Ordinal) || e.Name.EndsWith("joined", StringComparison.Ordinal))
                .Select(e => (From: e.Time - 2_000, To: Math.Max(e.Resumed, e.Time + 3_000) + 1_000)).ToList();
            var problems = new List<string>();
            foreach (var workload in workloads)
            {
                problems.AddRange(Judge(workload, events, disruptions, ownerChangeWindows, end, Say));
            }
            foreach (var node in silos.Concat(gateways))
            {
                Say($"  {node.Name} log: {node.LogLevelSummary()}");
            }
            if (exit != 0)
            {
                problems.Add($"{victim2.Name} exited with {exit} after SIGTERM (a graceful stop exits 0)");
            }
            File.WriteAllText(Path.Combine(runDirectory, "report.txt"), report.ToString());
            problems.Should().BeEmpty("the cluster must keep every acknowledged message through the failures (logs in {0})", runDirectory);
            passed = true;
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
            await Task.WhenAll(gateways.Select(g => g.DisposeAsync().AsTask()));
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
            if (database is not null)
            {
                await database.DisposeAsync();
            }
            if (ownServer is not null)
            {
                await ownServer.DisposeAsync();
            }
            if (passed && Environment.GetEnvironmentVariable("CLUSTER_TESTS_KEEP_LOGS") != "1")
            {
                TryDelete(runDirectory);
            }
            else
            {
                output.WriteLine($"logs kept in {runDirectory}");
            }
        }
    }

    /// <summary>The clients of one protocol in the run: its publishers and the subscribers that must get all their messages.</summary>
    private sealed record Workload(string Protocol, List<ClientProcess> Publishers, List<ClientProcess> Subscribers)
    {
        public DeliveryAnalysis Analyse() => new([.. Publishers.Select(p => p.ReadLog())], [.. Subscribers.Select(s => s.ReadLog())]);

        /// <summary>True once every subscriber has at least <paramref name="count"/> messages of every publisher.</summary>
        public bool IsFlowing(int count)
        {
            var pubs = Publishers.Select(p => p.ReadLog()).ToList();
            return Subscribers.All(s =>
            {
                var log = s.ReadLog();
                return pubs.All(p => log.Received.Count(r => r.Id.StartsWith(p.Name + ":", StringComparison.Ordinal)) >= count);
            });
        }
    }

    /// <summary>Reports one workload's failover times, losses, duplicates and order, and returns what is wrong with them.</summary>
    private static List<string> Judge(Workload workload, List<(string Name, long Time, long Resumed)> events, List<Disruption> disruptions,
        List<(long From, long To)> ownerChangeWindows, long end, Action<string> say)
    {
        var p = workload.Protocol;
        var analysis = workload.Analyse();
        var pubLogs = workload.Publishers.Select(c => c.ReadLog()).ToList();
        var subLogs = workload.Subscribers.Select(c => c.ReadLog()).ToList();
        say($"{p} totals: {analysis.Totals()}");
        say($"{p} failover times (from the event until the first confirm / delivery of a message published after it; slowest client):");
        for (var i = 0; i < events.Count; i++)
        {
            var windowEnd = i + 1 < events.Count ? events[i + 1].Time : end;
            var r = analysis.ResumedAfter(events[i].Time, windowEnd);
            var slowest = analysis.SlowestDelivery(events[i].Time, windowEnd);
            say($"  {events[i].Name,-22} confirm {DeliveryAnalysis.Seconds(r.PublishSeconds),-9} delivery {DeliveryAnalysis.Seconds(r.DeliverySeconds),-9} " +
                $"longest confirm silence {DeliveryAnalysis.Seconds(r.LongestAckGapSeconds)}; of the messages published until the next event " +
                $"the slowest took {slowest.Seconds:0.00} s to its first delivery ({slowest.Id}), {slowest.FirstReceivedWithDup} were first received as redeliveries");
        }
        var lost = analysis.ConfirmedButLost();
        var phantoms = analysis.Phantoms();
        var duplicates = analysis.Duplicates(disruptions);
        var allOrder = analysis.OrderViolations();
        var orderWithResent = analysis.OrderViolations(includeResent: true);
        // Redeliveries are left out of the order check: a message whose first receipt already is a redelivery (MQTT DUP,
        // AMQP delivery-count > 0) had been handed to a connection that never acknowledged it.
        var redeliveredLate = allOrder.Where(v => v.FirstReceiptHadDup).ToList();
        var reorderedByOwnerChange = allOrder.Where(v => !v.FirstReceiptHadDup && ownerChangeWindows.Any(w => v.Sent >= w.From && v.Sent <= w.To)).ToList();
        var order = allOrder.Except(redeliveredLate).ToList();
        var unconfirmed = pubLogs.SelectMany(l => l.Sent.Keys.Where(id => !l.Acked.ContainsKey(id))).ToList();
        say($"{p} confirmed-but-lost: {lost.Count}");
        say($"{p} duplicates: {duplicates.Total} extra copies ({duplicates.PublisherResent} of messages the publisher resent after a lost connection, " +
            $"{duplicates.RedeliveredAcrossDisruption} redelivered across a disruption, {duplicates.WithDupFlag} marked as redeliveries, " +
            $"{duplicates.Unexplained.Count} unexplained); by cause: {string.Join(", ", duplicates.ByCause.Select(kv => $"{kv.Key} {kv.Value}"))}");
        say($"{p} order violations (first receipts of messages sent once): {allOrder.Count}: {order.Count} unexpected, " +
            $"{reorderedByOwnerChange.Count} of them in flight while a silo died, stopped or joined, " +
            $"{redeliveredLate.Count} first received as redeliveries after later messages; counting resent messages too: {orderWithResent.Count}");
        foreach (var v in reorderedByOwnerChange.Take(12))
        {
            say($"  reordered by a grain's owner change: {v}");
        }
        foreach (var v in redeliveredLate.Take(12))
        {
            say($"  redelivered late: {v}");
        }
        say($"{p} never confirmed: {unconfirmed.Count}");
        foreach (var c in pubLogs.Concat(subLogs))
        {
            say($"  {c.Name}: connections {string.Join(", ", c.Connects.Select(x => $"{DeliveryAnalysis.Clock(x.Time)} port {x.Port} session present {x.SessionPresent}"))}");
        }

        var problems = new List<string>();
        if (lost.Count > 0)
        {
            problems.Add($"{p}: {lost.Count} confirmed messages never reached a subscriber:\n  " + string.Join("\n  ", lost.Take(50)));
        }
        if (phantoms.Count > 0)
        {
            problems.Add($"{p}: {phantoms.Count} received messages were never published:\n  " + string.Join("\n  ", phantoms.Take(20)));
        }
        if (duplicates.Unexplained.Count > 0)
        {
            problems.Add($"{p}: {duplicates.Unexplained.Count} duplicates of messages that were not in flight at any failure:\n  " +
                string.Join("\n  ", duplicates.Unexplained.Take(30)));
        }
        if (order.Count > 0)
        {
            problems.Add($"{p}: {order.Count} messages arrived out of their publisher's order:\n  " + string.Join("\n  ", order.Take(30).Select(v => v.ToString())));
        }
        if (unconfirmed.Count > 0)
        {
            problems.Add($"{p}: {unconfirmed.Count} messages were never confirmed (publishers waited 60 s after the last event): {string.Join(", ", unconfirmed.Take(20))}");
        }
        foreach (var c in pubLogs.Concat(subLogs))
        {
            var resumedWithoutSession = c.Connects.Skip(1).Where(x => !x.SessionPresent).ToList();
            if (resumedWithoutSession.Count > 0)
            {
                problems.Add($"{p}: {c.Name} reconnected without its session (CONNACK session present 0) at " +
                    string.Join(", ", resumedWithoutSession.Select(x => DeliveryAnalysis.Clock(x.Time))));
            }
        }
        return problems;
    }

    private static BrokerNode NodeOf(IEnumerable<BrokerNode> silos, string address) =>
        silos.Single(s => s.SiloAddress == address);

    private static List<string>? ViewOf(BrokerNode silo)
    {
        try
        {
            return [.. silo.StatusAsync().GetAwaiter().GetResult().ActiveSilos];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits until every silo of <paramref name="silos"/> sees exactly them as active; returns the view.</summary>
    private static async Task<IReadOnlyList<string>> WaitForViewAsync(IReadOnlyList<BrokerNode> silos, int count)
    {
        IReadOnlyList<string> view = [];
        var expected = silos.Select(s => s.SiloAddress!).Order(StringComparer.Ordinal).ToList();
        await Scenario.PollAsync(() =>
        {
            foreach (var silo in silos)
            {
                var v = ViewOf(silo);
                if (v is null || v.Count != count || !v.Order(StringComparer.Ordinal).SequenceEqual(expected))
                {
                    return false;
                }
                view = v;
            }
            return true;
        }, _startTimeout, $"every silo to see the {count} active silos {string.Join(", ", expected)}");
        return view;
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterProcessesCollection
{
    /// <summary>The cluster tests run one at a time: each starts several processes on a small machine.</summary>
    public const string Name = "Cluster processes";
}
