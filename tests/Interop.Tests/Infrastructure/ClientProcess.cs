using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TestCluster;

namespace Interop.Tests.Infrastructure;

/// <summary>
/// A real MQTT client (mosquitto_pub / mosquitto_sub, a paho-mqtt script) run as a child process: its standard output
/// collected line by line as it comes, every wait bounded, killed at the end if still running.
/// </summary>
public sealed class ClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();
    private string? _exitAtDispose;

    private ClientProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lock)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lock)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string CommandLine { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output so far, a line each.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The JSON events a paho script printed (lines that are JSON objects), optionally only those named <paramref name="name"/>.</summary>
    public IReadOnlyList<JsonElement> Events(string? name = null)
    {
        var events = new List<JsonElement>();
        foreach (var line in Lines)
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }
            var element = JsonDocument.Parse(line).RootElement;
            if (name is null || element.GetProperty("event").GetString() == name)
            {
                events.Add(element);
            }
        }
        return events;
    }

    public static ClientProcess Start(string fileName, IEnumerable<string> args, string? standardInput = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var commandLine = fileName + " " + string.Join(' ', info.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var client = new ClientProcess(process, commandLine);
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        return client;
    }

    /// <summary>Waits for a line of output matching <paramref name="predicate"/>; throws with the output after the timeout
    /// or when the process exits without printing it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        string? found = null;
        try
        {
            await Wait.UntilAsync(() =>
            {
                found = Lines.FirstOrDefault(predicate);
                return found is not null || _process.HasExited;
            }, timeout, what).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Describe()}", ex);
        }
        if (found is null && _process.HasExited)
        {
            await _process.WaitForExitAsync().ConfigureAwait(false); // the output may trail the exit: read it to the end
            found = Lines.FirstOrDefault(predicate);
        }
        return found ?? throw new InvalidOperationException($"The client exited ({_process.ExitCode}) before {what}.\n{Describe()}");
    }

    /// <summary>Waits for a paho script's event named <paramref name="name"/>.</summary>
    public async Task<JsonElement> WaitForEventAsync(string name, TimeSpan timeout)
    {
        var line = await WaitForLineAsync(l => l.StartsWith('{') && l.Contains($"\"event\": \"{name}\"", StringComparison.Ordinal), timeout,
            $"the '{name}' event").ConfigureAwait(false);
        return JsonDocument.Parse(line).RootElement;
    }

    /// <summary>Waits for the exit and returns its code; kills the client and throws with its output after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The client did not exit within {timeout}; killed.\n{Describe()}");
        }
        return _process.ExitCode;
    }

    /// <summary>Runs to the end and requires exit code 0.</summary>
    public async Task SucceedAsync(TimeSpan timeout)
    {
        var exit = await WaitForExitAsync(timeout).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"The client failed with exit code {exit}.\n{Describe()}");
        }
    }

    /// <summary>SIGKILL: the client vanishes; the kernel closes its socket, no DISCONNECT is sent.</summary>
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

    public string Describe()
    {
        var exit = _exitAtDispose ?? ExitText();
        return $"$ {CommandLine}\n(exit: {exit})\n--- stdout ---\n{string.Join('\n', Lines)}\n--- stderr ---\n{Stderr}";
    }

    private string ExitText() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "running";

    public async ValueTask DisposeAsync()
    {
        if (_exitAtDispose is not null)
        {
            return;
        }
        Kill();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _exitAtDispose = ExitText();
        _process.Dispose();
    }
}
