namespace Deployment.Tests;

/// <summary>cluster/local: the scripts parse, are executable, and explain themselves (running a cluster is the
/// multi-process tests' job).</summary>
[Trait("Category", "Unit")]
public sealed class LocalClusterScriptTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Scripts => new() { "start.sh", "stop.sh", "status.sh", "kill-silo.sh", "add-silo.sh" };

    private static string LocalDir => RepositoryLayout.InRepository("cluster", "local");

    [Fact]
    public async Task Scripts_BashSyntaxCheck_Passes()
    {
        var files = Directory.GetFiles(LocalDir, "*.sh");
        files.Should().HaveCountGreaterThanOrEqualTo(6, "cluster/local holds lib.sh and the five scripts");

        foreach (var file in files)
        {
            var result = await ExternalTool.RunAsync("bash", ["-n", file], _timeout);
            result.ExitCode.Should().Be(0, result.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_InGit_IsExecutable(string script)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(Path.Combine(LocalDir, script));

        mode.Should().HaveFlag(UnixFileMode.UserExecute, $"cluster/local/{script} is run directly");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_Help_PrintsUsageAndExitsZero(string script)
    {
        var result = await ExternalTool.RunAsync("bash", [Path.Combine(LocalDir, script), "--help"], _timeout);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().StartWith($"Usage: cluster/local/{script}", result.ToString());
    }

    [Fact]
    public async Task StartScript_Help_NamesEveryOption()
    {
        var result = await ExternalTool.RunAsync("bash", [Path.Combine(LocalDir, "start.sh"), "--help"], _timeout);

        result.Stdout.Should().ContainAll("--silos", "--gateways", "--base-port", "--run-dir", "--no-build", "BROKER_POSTGRES");
    }

    [Fact]
    public async Task StartScript_UnknownOption_FailsBeforeStartingAnything()
    {
        var result = await ExternalTool.RunAsync("bash", [Path.Combine(LocalDir, "start.sh"), "--no-such-option"], _timeout);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("unknown option '--no-such-option'");
    }

    [Fact]
    public async Task StartScript_BadSiloCount_FailsNamingTheOption()
    {
        var result = await ExternalTool.RunAsync("bash", [Path.Combine(LocalDir, "start.sh"), "--silos", "0"], _timeout);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("--silos");
    }
}
