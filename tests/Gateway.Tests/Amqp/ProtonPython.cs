using System.Diagnostics;

namespace Gateway.Tests.Amqp;

/// <summary>
/// Runs a script under Debian's <c>/usr/bin/python3</c> with qpid-proton, bounded in time. A missing interpreter or
/// module fails the test with the package to install; nothing is skipped silently.
/// </summary>
public static class ProtonPython
{
    private const string Python = "/usr/bin/python3";
    private const string Packages = "Debian packages python3 and python3-qpid-proton (apt-get install python3-qpid-proton)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string Run(string script, params string[] arguments)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing: these tests use qpid-proton as the reference AMQP 1.0 implementation. Install the {Packages}.");
        }
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The qpid-proton script did not finish within {Timeout.TotalSeconds} s.");
        }
        process.WaitForExit();
        var stderr = error.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            if (stderr.Contains("No module named 'proton'", StringComparison.Ordinal))
            {
                Assert.Fail($"Python module 'proton' is missing: install the {Packages}.");
            }
            Assert.Fail($"The qpid-proton script failed (exit {process.ExitCode}): {stderr}");
        }
        return output.GetAwaiter().GetResult();
    }
}
