namespace Deployment.Tests;

/// <summary>
/// The offline Kubernetes schema validator of <c>../shared/tools/k8s-validate</c>, ready to run: used in place when its
/// <c>node_modules</c> are installed, otherwise copied to a temporary folder (keyed by its files' content, kept for
/// later runs) and installed there with npm, because <c>../shared</c> is read-only in CI.
/// </summary>
public sealed class K8sValidatorFixture : IAsyncLifetime
{
    private static readonly string[] _toolFiles = ["package.json", "package-lock.json", "validate-k8s.mjs"];
    private static readonly string[] _modules = ["yaml", "kubernetes-models", Path.Combine("@kubernetes", "client-node")];

    /// <summary>The validator's script: <c>node {Script} file.yaml</c>.</summary>
    public string Script { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        ExternalTool.Require("node", "The manifest tests validate the rendered manifests with ../shared/tools/k8s-validate, a Node.js program.",
            "apt-get install nodejs npm");
        var tool = RepositoryLayout.K8sValidateTool;
        var script = Path.Combine(tool, "validate-k8s.mjs");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"The Kubernetes validator is missing: {script} (../shared/tools/k8s-validate beside the repository).");
        }
        if (Installed(tool))
        {
            Script = script;
            return;
        }
        var contents = _toolFiles.Select(f => Path.Combine(tool, f)).Select(p => File.Exists(p) ? File.ReadAllText(p) : string.Empty).ToArray();
        var cache = Path.Combine(Path.GetTempPath(), $"broker-k8s-validate-{ExternalTool.Hash(contents)}");
        if (!File.Exists(Path.Combine(cache, ".installed")))
        {
            await InstallAsync(tool, cache);
        }
        Script = Path.Combine(cache, "validate-k8s.mjs");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static bool Installed(string dir) => _modules.All(m => Directory.Exists(Path.Combine(dir, "node_modules", m)));

    private static async Task InstallAsync(string tool, string cache)
    {
        ExternalTool.Require("npm", "The validator's packages (../shared/tools/k8s-validate/package.json) are not installed and npm installs them.",
            "apt-get install npm");
        // Install into a fresh folder, then move it into place: a run that dies half way leaves no half-installed cache.
        var staging = $"{cache}.staging-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in _toolFiles.Where(f => File.Exists(Path.Combine(tool, f))))
            {
                File.Copy(Path.Combine(tool, file), Path.Combine(staging, file));
            }
            var npm = await ExternalTool.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(10), staging)
                .ConfigureAwait(false);
            if (npm.ExitCode != 0 || !Installed(staging))
            {
                throw new InvalidOperationException($"npm install of the Kubernetes validator failed (the npm registry must be reachable):\n{npm}");
            }
            await File.WriteAllTextAsync(Path.Combine(staging, ".installed"), "ok\n").ConfigureAwait(false);
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
            Directory.Move(staging, cache);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
