using System.Net;
using Microsoft.Data.Sqlite;
using TestCluster;

namespace Silo.Tests;

/// <summary>The silo host as a process: starts with no configuration but ports, serves /healthz, stops on SIGTERM.</summary>
[Trait("Category", "Process")]
public sealed class SiloHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("silo-host-").FullName;
    private static readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Start_DefaultConfiguration_ServesHealthzThenStopsCleanlyOnSigterm()
    {
        var admin = BrokerProcess.FreePort();
        await using var silo = BrokerProcess.Start("Silo.dll", _directory,
            $"--Broker:AdminPort={admin}", "--Broker:SiloPort=0", "--Broker:GatewayPort=0", "--Broker:ClusterId=host-test",
            "--Mqtt:Port=0", "--Mqtt:WebSocketPort=0", "--Amqp:Port=0");

        var healthz = $"http://127.0.0.1:{admin}/healthz";
        await WaitForAsync(async () => (await TryGetAsync(healthz)) == HttpStatusCode.OK, silo, "GET /healthz to answer 200");
        silo.Output.Should().Contain("Listening: silo-to-silo on 127.0.0.1:").And.Contain($"Admin HTTP on http://127.0.0.1:{admin}");
        File.Exists(Path.Combine(_directory, "data", "broker.db")).Should().BeTrue("the embedded default keeps SQLite under ./data");
        (await TryGetAsync($"http://127.0.0.1:{admin}/livez")).Should().Be(HttpStatusCode.OK, "the liveness probe's endpoint");

        silo.Terminate();
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exitCode.Should().Be(0, silo.Output);
        silo.Output.Should().Contain("stopping").And.Contain("stopped");
        // The graceful stop wrote the silo's goodbye: its membership row is Dead (6), not left Active for others to time out.
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_directory, "data", "broker.db")};Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT status FROM membership WHERE cluster_id = 'host-test'";
        Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(6);
    }

    [Fact]
    public async Task Start_BadSetting_ExitsWithMessageNamingTheSetting()
    {
        await using var silo = BrokerProcess.Start("Silo.dll", _directory, "--Broker:SiloPort=eleven");

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exitCode.Should().Be(2);
        silo.Output.Should().Contain("Invalid setting Broker:SiloPort").And.Contain("'eleven'");
    }

    [Fact]
    public async Task Start_AdminPortInUse_ExitsWithMessageNamingThePortSettings()
    {
        using var occupied = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;
        await using var silo = BrokerProcess.Start("Silo.dll", _directory, $"--Broker:AdminPort={port}", "--Broker:SiloPort=0", "--Broker:GatewayPort=0",
            "--Mqtt:Port=0", "--Mqtt:WebSocketPort=0", "--Amqp:Port=0");

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exitCode.Should().Be(2, silo.Output);
        silo.Output.Should().Contain("Broker:AdminPort");
    }

    private static async Task<HttpStatusCode?> TryGetAsync(string url)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(url));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, BrokerProcess silo, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (silo.HasExited)
            {
                throw new InvalidOperationException($"The silo exited ({silo.ExitCode}) while waiting for {what}:\n{silo.Output}");
            }
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out waiting for {what}:\n{silo.Output}");
    }
}
