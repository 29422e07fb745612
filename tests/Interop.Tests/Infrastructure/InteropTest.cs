using System.Globalization;

namespace Interop.Tests.Infrastructure;

/// <summary>
/// Base of the interop test classes: real clients (mosquitto_pub / mosquitto_sub, paho-mqtt scripts) against the
/// class' broker process. Each test gets a topic prefix of its own; its clients are killed at the end; the broker's
/// output during the test and each client's output go to the test output (shown when a test fails); a <c>fail:</c> or
/// <c>crit:</c> line the broker logged during the test fails it.
/// </summary>
public abstract class InteropTest<TFixture> : IAsyncLifetime where TFixture : BrokerFixture
{
    /// <summary>Debian's interpreter, which has python3-paho-mqtt (the <c>python3</c> on PATH may not).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The bound of any one client's run.</summary>
    protected static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ClientProcess> _clients = [];
    private int _mark;

    protected InteropTest(TFixture broker, ITestOutputHelper output)
    {
        Broker = broker;
        Output = output;
    }

    protected TFixture Broker { get; }

    protected ITestOutputHelper Output { get; }

    /// <summary>First topic level unique to this test, so tests sharing a broker never see each other's messages.</summary>
    protected string Prefix { get; } = "it" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync()
    {
        if (Broker.Process.HasExited)
        {
            throw new InvalidOperationException($"The broker is not running (exit {Broker.Process.ExitCode}).\n{Broker.Process.Output}");
        }
        _mark = Broker.Process.OutputLength;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
        foreach (var client in _clients)
        {
            Output.WriteLine(Truncate(client.Describe(), 20_000));
        }
        var log = Broker.OutputSince(_mark);
        Output.WriteLine("--- broker output during the test ---");
        Output.WriteLine(Truncate(log, 50_000));
        if (BrokerFixture.ErrorLines(log) is { Length: > 0 } errors)
        {
            throw new InvalidOperationException($"The broker logged errors during the test:\n{errors}");
        }
    }

    /// <summary>Starts <c>mosquitto_pub</c> or <c>mosquitto_sub</c> against the broker, its output line-buffered
    /// (stdbuf) so debug lines such as "received SUBACK" are seen as they happen.</summary>
    protected ClientProcess Mosquitto(string tool, params object[] args) => MosquittoWithInput(tool, null, args);

    protected ClientProcess MosquittoWithInput(string tool, string? standardInput, params object[] args)
    {
        string[] all = ["-oL", tool, "-h", Broker.Host, "-p", Broker.MqttPort.ToString(CultureInfo.InvariantCulture), .. args.Select(Text)];
        return Track(ClientProcess.Start("stdbuf", all, standardInput));
    }

    /// <summary>Starts a paho-mqtt script of Scripts/ with <c>--port</c> of the broker's TCP listener unless given.</summary>
    protected ClientProcess Paho(string script, params object[] args)
    {
        var texts = args.Select(Text).ToList();
        var path = Path.Combine(AppContext.BaseDirectory, "Scripts", script);
        List<string> all = ["-u", path];
        if (!texts.Contains("--port"))
        {
            all.AddRange(["--port", Broker.MqttPort.ToString(CultureInfo.InvariantCulture)]);
        }
        all.AddRange(texts);
        return Track(ClientProcess.Start(Python, all));
    }

    /// <summary>Runs Scripts/amqp_client.py (qpid-proton) <paramref name="command"/> against the broker's AMQP port.</summary>
    protected ClientProcess Amqp(string command, params object[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Scripts", "amqp_client.py");
        List<string> all = ["-u", path, command, "--port", Broker.AmqpPort.ToString(CultureInfo.InvariantCulture), .. args.Select(Text)];
        return Track(ClientProcess.Start(Python, all));
    }

    /// <summary>Admin HTTP of the broker (users, permissions).</summary>
    protected static HttpClient AdminHttp { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The broker's admin base address.</summary>
    protected string Admin => $"http://127.0.0.1:{Broker.AdminPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Sets a user in the broker's user store (<c>PUT /users/{name}</c>) and checks the answer.</summary>
    protected async Task SetUserAsync(string name, string password)
    {
        using var content = new StringContent(password);
        using var response = await AdminHttp.PutAsync(new Uri($"{Admin}/users/{name}"), content);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Writes a file for a client to read (a payload, a topic list) and returns its path.</summary>
    protected string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(Broker.WorkDirectory, $"{Prefix}-{name}");
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Bytes every value of which occurs (0x00..0xFF first), then seeded random ones.</summary>
    protected static byte[] BinaryPayload(int length, int seed)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        for (var i = 0; i < Math.Min(256, length); i++)
        {
            payload[i] = (byte)i;
        }
        return payload;
    }

    private ClientProcess Track(ClientProcess client)
    {
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    private static string Text(object arg) => Convert.ToString(arg, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"\n... ({text.Length - max} more characters)");
}
