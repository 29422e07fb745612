using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TestCluster;

namespace Interop.Tests.Infrastructure;

/// <summary>
/// One embedded broker (<c>dotnet Silo.dll</c>: a silo and its co-hosted MQTT gateway) per test class, on free loopback
/// ports, with its own temporary data directory. Started and ready (<c>/healthz</c> answers 200 and the MQTT listener is
/// up) before the first test; stopped with SIGTERM after the last, which must exit 0. Error lines in its log
/// (<c>fail:</c>, <c>crit:</c>) fail the test that caused them (<see cref="InteropTest{TFixture}"/>) and the class.
/// </summary>
public class BrokerFixture : IAsyncLifetime
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(30);
    private static readonly Regex _errorLine = new(@"^\s*(fail|crit):", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private readonly string _directory = Directory.CreateTempSubdirectory("interop-broker-").FullName;
    private BrokerProcess? _process;

    public int AdminPort { get; } = BrokerProcess.FreePort();

    public int MqttPort { get; } = BrokerProcess.FreePort();

    public int WebSocketPort { get; } = BrokerProcess.FreePort();

    public int AmqpPort { get; } = BrokerProcess.FreePort();

    public string Host => "127.0.0.1";

    public string WebSocketPath => "/mqtt";

    /// <summary>A directory for the test's files (payloads, topic lists), deleted with the fixture.</summary>
    public string WorkDirectory => _directory;

    public BrokerProcess Process => _process ?? throw new InvalidOperationException("The broker is not started.");

    /// <summary>Settings added to the broker's command line.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public Task InitializeAsync() => StartAsync();

    /// <summary>Stops the broker - SIGKILL (<paramref name="kill"/>: no goodbye, nothing flushed) or SIGTERM - and starts it
    /// again on the same data directory and ports.</summary>
    public async Task RestartAsync(bool kill)
    {
        var process = Process;
        if (kill)
        {
            process.Kill();
        }
        else
        {
            process.Terminate();
        }
        await process.WaitForExitAsync(_stopTimeout).ConfigureAwait(false);
        _previousOutput.Append(process.Output);
        await process.DisposeAsync().ConfigureAwait(false);
        _process = null;
        await StartAsync().ConfigureAwait(false);
    }

    private readonly StringBuilder _previousOutput = new();

    private async Task StartAsync()
    {
        string[] args =
        [
            $"--Broker:AdminPort={AdminPort}", "--Broker:SiloPort=0", "--Broker:GatewayPort=0",
            $"--Broker:DataDirectory={Path.Combine(_directory, "data")}", $"--Broker:ClusterId=interop-{Guid.NewGuid():N}",
            $"--Mqtt:Port={MqttPort}", $"--Mqtt:WebSocketPort={WebSocketPort}", $"--Amqp:Port={AmqpPort}",
            .. ExtraArguments,
        ];
        _process = BrokerProcess.Start("Silo.dll", _directory, args);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var healthz = new Uri($"http://127.0.0.1:{AdminPort}/healthz");
        try
        {
            await Wait.UntilAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The broker exited with {_process.ExitCode} while starting.");
                }
                using var response = await http.GetAsync(healthz).ConfigureAwait(false);
                return response.StatusCode == HttpStatusCode.OK && _process.Output.Contains("MQTT listening on", StringComparison.Ordinal)
                    && _process.Output.Contains("AMQP 1.0 listening on", StringComparison.Ordinal);
            }, _startTimeout, "the broker's /healthz to answer 200 and its MQTT and AMQP listeners to start").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var output = _process.Output;
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
            throw new InvalidOperationException($"The broker did not start: {ex.Message}\n--- broker output ---\n{output}", ex);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        var problems = new StringBuilder();
        try
        {
            if (process.HasExited)
            {
                problems.AppendLine(Invariant($"The broker exited on its own during the tests with {process.ExitCode}."));
            }
            else
            {
                process.Terminate();
                try
                {
                    var exit = await process.WaitForExitAsync(_stopTimeout).ConfigureAwait(false);
                    if (exit != 0)
                    {
                        problems.AppendLine(Invariant($"The broker exited with {exit} after SIGTERM."));
                    }
                }
                catch (OperationCanceledException)
                {
                    problems.AppendLine(Invariant($"The broker did not stop within {_stopTimeout} of SIGTERM; killed."));
                    process.Kill();
                }
            }
            var output = process.Output;
            if (ErrorLines(output) is { Length: > 0 } errors)
            {
                problems.AppendLine("The broker logged errors:").AppendLine(errors);
            }
            if (problems.Length > 0)
            {
                throw new InvalidOperationException($"{problems}--- broker output ---\n{output}");
            }
        }
        finally
        {
            await process.DisposeAsync().ConfigureAwait(false);
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The broker's output written after <paramref name="mark"/> (an earlier <see cref="BrokerProcess.OutputLength"/>).</summary>
    public string OutputSince(int mark)
    {
        var output = Process.Output;
        return mark <= output.Length ? output[mark..] : output;
    }

    /// <summary>The <c>fail:</c> / <c>crit:</c> log entries in <paramref name="output"/>, each with its message line.</summary>
    public static string ErrorLines(string output)
    {
        var lines = output.Split('\n');
        var found = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (_errorLine.IsMatch(lines[i]))
            {
                found.AppendLine(lines[i].TrimEnd());
                for (var j = i + 1; j < lines.Length && lines[j].StartsWith(' '); j++)
                {
                    found.AppendLine(lines[j].TrimEnd()); // the message and exception lines are indented
                }
            }
        }
        return found.ToString();
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

/// <summary>A broker that refuses anonymous clients (<c>Mqtt:AllowAnonymous=false</c>; no user store yet, so everyone).</summary>
public sealed class NoAnonymousBrokerFixture : BrokerFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Mqtt:AllowAnonymous=false"];
}

/// <summary>A broker for AMQP error cases: no anonymous AMQP clients, and queues must be declared (auto-create off).</summary>
public sealed class LockedDownAmqpBrokerFixture : BrokerFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Amqp:AllowAnonymous=false", "--Broker:AutoCreateQueues=false"];
}
