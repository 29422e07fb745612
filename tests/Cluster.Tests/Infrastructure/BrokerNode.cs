using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TestCluster;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// One process of a multi-process cluster: a silo (<c>dotnet Silo.dll</c>) or a standalone gateway
/// (<c>dotnet Gateway.dll</c>), on free loopback ports, in a folder of its own; its output is kept and written to
/// <c>{name}.log</c> in the run folder when it is disposed (or by <see cref="SaveLog"/>). Dispose stops it (SIGTERM, a
/// bounded wait, then SIGKILL).
/// </summary>
public sealed class BrokerNode : IAsyncDisposable
{
    private static readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly string _runDirectory;
    private bool _disposed;

    private BrokerNode(string name, bool isSilo, BrokerProcess process, int adminPort, int mqttPort, int amqpPort, string runDirectory)
    {
        Name = name;
        IsSilo = isSilo;
        Process = process;
        AdminPort = adminPort;
        MqttPort = mqttPort;
        AmqpPort = amqpPort;
        _runDirectory = runDirectory;
    }

    public string Name { get; }

    public bool IsSilo { get; }

    public BrokerProcess Process { get; }

    public int AdminPort { get; }

    /// <summary>The MQTT port (a gateway, or a silo with its co-hosted gateway); 0 when there is none.</summary>
    public int MqttPort { get; }

    /// <summary>The AMQP 1.0 listener's port, 0 when the node serves no clients.</summary>
    public int AmqpPort { get; }

    /// <summary>The silo's identity as the membership table has it (<c>S127.0.0.1:port:port@generation</c>), read from /status.</summary>
    public string? SiloAddress { get; private set; }

    public string LogPath => Path.Combine(_runDirectory, Name + ".log");

    /// <summary>Starts a silo on PostgreSQL and waits until its /healthz answers 200 (an active member). With
    /// <paramref name="clients"/> it also serves MQTT and AMQP on ports of its own (<see cref="MqttPort"/>, <see cref="AmqpPort"/>).</summary>
    public static Task<BrokerNode> StartSiloAsync(string runDirectory, string name, string clusterId, string connectionString, bool clients,
        TimeSpan timeout, IEnumerable<string>? extra = null) =>
        StartAsync(runDirectory, name, isSilo: true, clients, timeout, (adminPort, mqttPort, amqpPort, dir) =>
        [
            $"--Broker:ClusterId={clusterId}", $"--Broker:SiloName={name}", "--Broker:ListenAddress=127.0.0.1",
            "--Broker:SiloPort=0", "--Broker:GatewayPort=0", "--Broker:AdminAddress=127.0.0.1", $"--Broker:AdminPort={adminPort}",
            $"--Broker:DataDirectory={Path.Combine(dir, "data")}", $"--Broker:PostgresConnectionString={connectionString}",
            .. clients
                ? new[] { "--Mqtt:ListenAddress=127.0.0.1", $"--Mqtt:Port={mqttPort}", "--Mqtt:WebSocketPort=-1", "--Amqp:ListenAddress=127.0.0.1", $"--Amqp:Port={amqpPort}" }
                : ["--Mqtt:Enabled=false", "--Amqp:Enabled=false"],
            .. extra ?? [],
        ]);

    /// <summary>Starts a standalone gateway and waits until its /healthz answers 200 (it sees an active silo) and its MQTT
    /// and AMQP ports accept connections.</summary>
    public static Task<BrokerNode> StartGatewayAsync(string runDirectory, string name, string clusterId, string connectionString, TimeSpan timeout) =>
        StartAsync(runDirectory, name, isSilo: false, clients: true, timeout, (adminPort, mqttPort, amqpPort, dir) =>
        [
            $"--Gateway:ClusterId={clusterId}", "--Gateway:AdminAddress=127.0.0.1", $"--Gateway:AdminPort={adminPort}",
            $"--Gateway:DataDirectory={Path.Combine(dir, "data")}", $"--Gateway:PostgresConnectionString={connectionString}",
            "--Mqtt:ListenAddress=127.0.0.1", $"--Mqtt:Port={mqttPort}", "--Mqtt:WebSocketPort=-1",
            "--Amqp:ListenAddress=127.0.0.1", $"--Amqp:Port={amqpPort}",
        ]);

    private static async Task<BrokerNode> StartAsync(string runDirectory, string name, bool isSilo, bool clients, TimeSpan timeout,
        Func<int, int, int, string, string[]> arguments)
    {
        var directory = Path.Combine(runDirectory, name);
        Directory.CreateDirectory(directory);
        Exception? last = null;
        // Free ports are chosen before the process binds them, so another process can take one in between: try again
        // with new ports when the process exits while starting.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var adminPort = BrokerProcess.FreePort();
            var mqttPort = clients ? BrokerProcess.FreePort() : 0;
            var amqpPort = clients ? BrokerProcess.FreePort() : 0;
            var process = BrokerProcess.Start(isSilo ? "Silo.dll" : "Gateway.dll", directory, arguments(adminPort, mqttPort, amqpPort, directory));
            var node = new BrokerNode(name, isSilo, process, adminPort, mqttPort, amqpPort, runDirectory);
            try
            {
                await node.WaitReadyAsync(timeout).ConfigureAwait(false);
                return node;
            }
            catch (Exception ex)
            {
                last = ex;
                var exited = process.HasExited;
                File.WriteAllText(Path.Combine(runDirectory, $"{name}.start-{attempt}.log"), process.Output);
                await process.DisposeAsync().ConfigureAwait(false);
                node._disposed = true;
                if (!exited)
                {
                    break; // it ran but never became ready: another port would not help
                }
            }
        }
        throw new InvalidOperationException($"{name} did not start (logs in {runDirectory}).", last);
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        await Wait.UntilAsync(async () =>
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {Process.ExitCode} while starting:\n{Process.Output}");
            }
            return await IsHealthyAsync().ConfigureAwait(false) && (MqttPort == 0 || await AcceptsAsync(MqttPort).ConfigureAwait(false))
                && (AmqpPort == 0 || await AcceptsAsync(AmqpPort).ConfigureAwait(false));
        }, timeout, $"{Name} to answer /healthz 200{(MqttPort == 0 ? "" : " and accept MQTT and AMQP connections")}").ConfigureAwait(false);
        if (IsSilo)
        {
            SiloAddress = (await StatusAsync().ConfigureAwait(false)).Address;
        }
    }

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{AdminPort}/healthz")).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The healthz answer as "code body" (for reports), or "no answer".</summary>
    public async Task<string> HealthTextAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{AdminPort}/healthz")).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return $"{(int)response.StatusCode} {body.Trim()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return "no answer";
        }
    }

    public sealed record Status(string State, string Address, long MembershipVersion, IReadOnlyList<string> ActiveSilos, int Activations);

    /// <summary>GET /status of a silo.</summary>
    public async Task<Status> StatusAsync()
    {
        var text = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{AdminPort}/status")).ConfigureAwait(false);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return new Status(
            root.GetProperty("status").GetString() ?? "",
            root.GetProperty("address").GetString() ?? "",
            root.GetProperty("membershipVersion").GetInt64(),
            [.. root.GetProperty("activeSilos").EnumerateArray().Select(e => e.GetString() ?? "")],
            root.GetProperty("activations").GetInt32());
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: a crash. Waits (bounded) until the process is gone.</summary>
    public async Task KillAsync()
    {
        Process.Kill();
        await Process.WaitForExitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
    }

    /// <summary>SIGTERM and a bounded wait for the graceful exit; returns the exit code (SIGKILL and throws after the timeout).</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Process.Terminate();
        try
        {
            return await Process.WaitForExitAsync(timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Process.Kill();
            throw new TimeoutException($"{Name} did not stop within {timeout} of SIGTERM; killed.");
        }
    }

    public void SaveLog()
    {
        try
        {
            File.WriteAllText(LogPath, Process.Output);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Counts of the log levels in the output (warn/fail/crit), for the report.</summary>
    public string LogLevelSummary()
    {
        var output = Process.Output;
        int Count(string level) => output.Split('\n').Count(l => l.StartsWith(level + ":", StringComparison.Ordinal));
        return string.Create(CultureInfo.InvariantCulture, $"warn {Count("warn")}, fail {Count("fail")}, crit {Count("crit")}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            if (!Process.HasExited)
            {
                Process.Terminate();
                try
                {
                    await Process.WaitForExitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        finally
        {
            SaveLog();
            await Process.DisposeAsync().ConfigureAwait(false); // SIGKILL if still running
        }
    }
}
