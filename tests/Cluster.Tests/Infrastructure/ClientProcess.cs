using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// A long-running test client as a child process of Debian's <c>/usr/bin/python3</c>: <c>Scripts/cluster_client.py</c>
/// (paho-mqtt 1.6: a persistent-session QoS 1 publisher or subscriber) or <c>Scripts/cluster_amqp_client.py</c>
/// (qpid-proton: a sender waiting for <c>accepted</c> or an accepting receiver on a queue). Both rotate through the
/// gateway ports on every disconnection and record each event to <see cref="LogPath"/> in the same format (see the
/// scripts' docstrings). <see cref="Stop"/> creates its stop file; dispose kills it.
/// </summary>
public sealed class ClientProcess : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has python3-paho-mqtt and python3-qpid-proton (the <c>python3</c> on PATH may not).</summary>
    public const string Python = "/usr/bin/python3";

    public const string MqttScript = "cluster_client.py";

    public const string AmqpScript = "cluster_amqp_client.py";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ClientProcess(Process process, string name, bool isPublisher, string logPath, string stopFile)
    {
        _process = process;
        Name = name;
        IsPublisher = isPublisher;
        LogPath = logPath;
        StopFile = stopFile;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool IsPublisher { get; }

    public string LogPath { get; }

    public string StopFile { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a publisher (ids "<paramref name="name"/>:1", ":2", ...) or a subscriber: MQTT on
    /// <paramref name="topic"/>, or with <paramref name="script"/> = <see cref="AmqpScript"/> AMQP on the node address
    /// <paramref name="topic"/> (e.g. <c>/queues/NAME</c>) with <paramref name="clientId"/> as the container id.</summary>
    public static ClientProcess Start(string directory, string name, bool publisher, IReadOnlyList<int> ports, string clientId, string topic,
        IEnumerable<string>? extra = null, string script = MqttScript)
    {
        var logPath = Path.Combine(directory, $"{name}.events");
        var stopFile = Path.Combine(directory, $"{name}.stop");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scripts", script));
        info.ArgumentList.Add(publisher ? "pub" : "sub");
        info.ArgumentList.Add("--ports");
        info.ArgumentList.Add(string.Join(',', ports.Select(p => p.ToString(CultureInfo.InvariantCulture))));
        info.ArgumentList.Add("--client-id");
        info.ArgumentList.Add(clientId);
        info.ArgumentList.Add("--topic");
        info.ArgumentList.Add(topic);
        info.ArgumentList.Add("--log");
        info.ArgumentList.Add(logPath);
        info.ArgumentList.Add("--stop-file");
        info.ArgumentList.Add(stopFile);
        info.ArgumentList.Add("--name");
        info.ArgumentList.Add(name);
        foreach (var arg in extra ?? [])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("python did not start.");
        return new ClientProcess(process, name, publisher, logPath, stopFile);
    }

    /// <summary>Asks the client to finish: a publisher stops publishing and waits for its outstanding PUBACKs; a
    /// subscriber leaves once nothing arrived for its quiet time.</summary>
    public void Stop() => File.WriteAllText(StopFile, "stop\n");

    public ClientLog ReadLog() => ClientLog.Read(Name, IsPublisher, LogPath);

    /// <summary>Waits for the exit; kills it and throws after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not finish within {timeout}; killed.\n{Output}");
        }
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} failed with exit code {_process.ExitCode}:\n{Output}");
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
    }
}
