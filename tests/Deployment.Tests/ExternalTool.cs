using System.Diagnostics;
using System.Text;

namespace Deployment.Tests;

/// <summary>What an external program printed and how it ended.</summary>
internal sealed record ToolResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"{CommandLine} exited with {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the programs these tests drive (kubectl, node, npm, bash) with a bounded wait, and fails with an actionable
/// message when one is not installed rather than with a bare "file not found".
/// </summary>
internal static class ExternalTool
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the tool and how to install it when it is not on PATH.</summary>
    public static void Require(string name, string why, string install)
    {
        if (Find(name) is null)
        {
            throw new InvalidOperationException($"'{name}' is not installed (not found on PATH). {why} Install it: {install}.");
        }
    }

    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs <paramref name="program"/> to completion (killed after <paramref name="timeout"/>), output captured.</summary>
    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryLayout.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var commandLine = $"{program} {string.Join(' ', info.ArgumentList)}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{commandLine} did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException($"{commandLine} did not finish within {timeout}:\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
        }
        return new ToolResult(commandLine, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Short, stable text for a cache key.</summary>
    public static string Hash(params string[] parts)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts)));
        return Convert.ToHexString(bytes, 0, 8).ToLowerInvariant();
    }
}
