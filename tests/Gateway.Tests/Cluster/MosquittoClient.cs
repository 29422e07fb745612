using System.Diagnostics;
using System.Net;

namespace Gateway.Tests.Cluster;

/// <summary>Runs Debian's mosquitto_pub / mosquitto_sub as real clients, bounded in time.</summary>
internal static class MosquittoClient
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IPEndPoint broker, IEnumerable<string> args,
        string? stdin = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-h");
        info.ArgumentList.Add(broker.Address.ToString());
        info.ArgumentList.Add("-p");
        info.ArgumentList.Add(broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start (is mosquitto-clients installed? ./test.sh installs it).");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish: {await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
