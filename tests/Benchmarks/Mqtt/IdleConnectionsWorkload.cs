using System.Diagnostics;
using System.Globalization;

namespace Benchmarks.Mqtt;

/// <summary>
/// Memory per idle connection. First a warm-up: 100 clients connect and leave (so one-time costs — code, pools, the
/// first grain of a kind — are not charged to the connections). Then the broker's RSS (VmRSS) as the baseline,
/// <c>--idle-connections</c> clients connect (clean session, keep alive 300 s, no subscription) and stay idle; RSS
/// again after half of them and after all, each after a settling pause. <c>kib_per_connection</c> is (all − baseline)
/// / count: what an idle client costs the broker, all included (socket buffers in user space, session state, runtime
/// objects; for a garbage-collected broker also garbage not yet collected — RSS is read after a pause, not after a
/// GC). <c>kib_per_connection_second_half</c> is (all − half) / (count − half): the marginal cost, free of any
/// remaining one-time cost.
/// </summary>
public sealed class IdleConnectionsWorkload : IMqttWorkload
{
    private const int ConcurrentConnects = 64;
    private const int WarmupConnections = 100;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public string Name => "idle";

    public string Describe(MqttBenchmarkOptions options) => $"{options.IdleConnections:N0} idle connections (clean session, no subscription)";

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var count = options.IdleConnections;
        var half = count / 2;
        var connections = new IdleConnection?[count];
        var failures = new ConnectFailures();
        try
        {
            var warmup = new IdleConnection?[Math.Min(WarmupConnections, count)];
            await ConnectAsync(context, warmup, 0, warmup.Length, "warmup", failures, cancellationToken).ConfigureAwait(false);
            foreach (var connection in warmup)
            {
                connection?.Dispose();
            }
            context.Log($"warm-up done ({warmup.Length} connections opened and closed); settling {Settle.TotalSeconds:0} s before the baseline RSS");
            await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            var before = context.Monitor.ResidentBytes();

            await using var resources = context.Monitor.Start();
            var connecting = Stopwatch.StartNew();
            await ConnectAsync(context, connections, 0, half, "idle", failures, cancellationToken).ConfigureAwait(false);
            var halfSeconds = connecting.Elapsed.TotalSeconds;
            await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            var middle = context.Monitor.ResidentBytes();
            connecting.Restart();
            await ConnectAsync(context, connections, half, count - half, "idle", failures, cancellationToken).ConfigureAwait(false);
            var connectSeconds = halfSeconds + connecting.Elapsed.TotalSeconds;
            var connected = connections.Count(c => c is not null);
            context.Log($"{connected:N0} connected in {connectSeconds:0.0} s; settling {Settle.TotalSeconds:0} s");
            await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            var after = context.Monitor.ResidentBytes();
            var result = new WorkloadResult
            {
                Workload = Name,
                Title = Describe(options),
                PeakRssBytes = resources.PeakResidentBytes,
                BrokerCpuSeconds = resources.BrokerCpuSeconds,
                OwnCpuSeconds = resources.OwnCpuSeconds,
            OtherCpuSeconds = resources.OtherCpuSeconds,
                Elapsed = resources.Elapsed,
                Error = failures.Count > 0 ? $"{failures.Count:N0} connections failed; first: {failures.First}" : null,
            };
            result.Extra["connections"] = connected.ToString(CultureInfo.InvariantCulture);
            result.Extra["connects_per_s"] = (connected / connectSeconds).ToString("F0", CultureInfo.InvariantCulture);
            if (before is { } b && middle is { } m && after is { } a && connected > 0)
            {
                result.Extra["rss_before_bytes"] = b.ToString(CultureInfo.InvariantCulture);
                result.Extra["rss_half_bytes"] = m.ToString(CultureInfo.InvariantCulture);
                result.Extra["rss_after_bytes"] = a.ToString(CultureInfo.InvariantCulture);
                result.Extra["kib_per_connection"] = ((a - b) / 1024.0 / connected).ToString("F1", CultureInfo.InvariantCulture);
                result.Extra["kib_per_connection_second_half"] = ((a - m) / 1024.0 / Math.Max(1, count - half)).ToString("F1", CultureInfo.InvariantCulture);
            }
            return result;
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection?.Dispose();
            }
        }
    }

    private static Task ConnectAsync(WorkloadContext context, IdleConnection?[] into, int from, int count, string prefix, ConnectFailures failures,
        CancellationToken cancellationToken) =>
        Parallel.ForAsync(from, from + count, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentConnects, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    into[i] = await IdleConnection.ConnectAsync(context.Options.Broker,
                        new ConnectSettings($"bench-{prefix}-{context.RunTag}-{i}", CleanSession: true, context.Options.Version, KeepAliveSeconds: 300), ct)
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    failures.Add($"connection {i}: {ex.Message}");
                }
            });
}
