using System.Diagnostics;
using System.Globalization;
using Runtime.Identity;
using Runtime.Placement;

namespace Cluster.Tests.Infrastructure;

/// <summary>Helpers shared by the cluster tests: bounded polling, clock, placement, route probes.</summary>
public static class Scenario
{
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> (250 ms by default: the conditions
    /// here parse event files) until it holds; throws <see cref="TimeoutException"/> with <paramref name="what"/> and
    /// <paramref name="describe"/>() after <paramref name="timeout"/>. Returns the time it took.</summary>
    public static async Task<TimeSpan> PollAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string>? describe = null,
        TimeSpan? interval = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (condition())
            {
                return watch.Elapsed;
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.{(describe is null ? "" : "\n" + describe())}");
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
        }
    }

    /// <summary>The silo that owns grain <paramref name="kind"/>/<paramref name="key"/> in a view of <paramref name="activeSilos"/>
    /// (the broker's own rendezvous placement), as the silo address string.</summary>
    public static string OwnerOf(string kind, string key, IEnumerable<string> activeSilos) =>
        RendezvousPlacementDirector.Instance.PickOwner(GrainId.Create(kind, key), [.. activeSilos.Select(SiloAddress.Parse)]).ToString();

    /// <summary>
    /// Publishes probes with mosquitto_pub (QoS 1) through each of <paramref name="gateways"/> until every subscriber has
    /// received one through each: the gateways' route caches know the subscriptions, so what is published from now on
    /// is routed to the subscribers' queues.
    /// </summary>
    public static async Task ProbeRoutesAsync(string topic, IReadOnlyList<(string Name, int Port)> gateways, IReadOnlyList<ClientProcess> subscribers,
        TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var n = 0;
        foreach (var (name, port) in gateways)
        {
            while (true)
            {
                n++;
                var payload = $"probe:{name}:{n}";
                var result = await Command.RunAsync("mosquitto_pub",
                    ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-m", payload, "-i", $"probe-{Guid.NewGuid():N}"[..20]],
                    TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                var prefix = $"probe:{name}:";
                var deadline = Stopwatch.StartNew();
                var all = false;
                while (deadline.Elapsed < TimeSpan.FromSeconds(2) && result.ExitCode == 0)
                {
                    all = subscribers.All(s => s.ReadLog().Received.Any(r => r.Id.StartsWith(prefix, StringComparison.Ordinal)));
                    if (all)
                    {
                        break;
                    }
                    await Task.Delay(100).ConfigureAwait(false);
                }
                if (all)
                {
                    break;
                }
                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException($"Probes through {name} (port {port}) did not reach every subscriber within {timeout} (last mosquitto_pub: exit {result.ExitCode} {result.Output}).");
                }
                await Task.Delay(500).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Picks a client id "<paramref name="prefix"/>-N" whose session inbox queue lands (or does not land) on <paramref name="silo"/>.</summary>
    public static string ClientIdWithInboxOn(string prefix, string silo, IReadOnlyList<string> activeSilos, bool on)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var id = $"{prefix}-{i}";
            var owner = OwnerOf(Grains.Interfaces.Queues.QueueGrainKind.Name, Grains.Interfaces.Sessions.SessionGrainKind.InboxQueue(id), activeSilos);
            if ((owner == silo) == on)
            {
                return id;
            }
        }
        throw new InvalidOperationException("no client id found");
    }

    /// <summary>Picks a queue name "<paramref name="prefix"/>-N" whose queue grain lands on <paramref name="silo"/>.</summary>
    public static string QueueNameOn(string prefix, string silo, IReadOnlyList<string> activeSilos)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var name = $"{prefix}-{i}";
            if (OwnerOf(Grains.Interfaces.Queues.QueueGrainKind.Name, name, activeSilos) == silo)
            {
                return name;
            }
        }
        throw new InvalidOperationException("no queue name found");
    }
}
