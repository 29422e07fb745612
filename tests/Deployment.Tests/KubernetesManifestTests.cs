using System.Globalization;
using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>
/// cluster/k8s, checked offline as CI can: every overlay renders with <c>kubectl kustomize</c>, every rendered object
/// passes strict schema validation (Kubernetes 1.34: types, required and unknown fields), and the drain rules of
/// docs/kubernetes.md hold in what is rendered.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class KubernetesManifestTests : IClassFixture<K8sValidatorFixture>
{
    private static readonly TimeSpan _toolTimeout = TimeSpan.FromMinutes(2);
    private readonly K8sValidatorFixture _validator;

    public KubernetesManifestTests(K8sValidatorFixture validator) => _validator = validator;

    public static TheoryData<string> Overlays => new() { "dev", "production" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_RenderedByKustomize_PassesStrictSchemaValidation(string overlay)
    {
        var rendered = await RenderAsync(overlay);
        var file = Path.Combine(Path.GetTempPath(), $"broker-k8s-{overlay}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, rendered);
        try
        {
            var result = await ExternalTool.RunAsync("node", [_validator.Script, file], _toolTimeout);

            result.ExitCode.Should().Be(0, result.ToString());
            SummaryLine().Match(result.Stdout).Groups["failed"].Value.Should().Be("0", result.ToString());
            SummaryLine().Match(result.Stdout).Groups["passed"].Value.Should().NotBe("0", "the overlay renders objects");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_TerminationGrace_ExceedsPreStopPlusHostShutdownTimeout(string overlay)
    {
        var docs = Documents(await RenderAsync(overlay));

        var siloShutdown = TimeSpan.Parse(Value(Find(docs, "ConfigMap", "broker-silo-"), "Broker__ShutdownTimeout"), CultureInfo.InvariantCulture);
        var gatewayShutdown = TimeSpan.FromSeconds(int.Parse(Value(Find(docs, "ConfigMap", "broker-gateway-"), "DOTNET_SHUTDOWNTIMEOUTSECONDS"), CultureInfo.InvariantCulture));

        foreach (var (deployment, shutdown) in new[] { ("broker-silo", siloShutdown), ("broker-gateway", gatewayShutdown) })
        {
            var doc = Find(docs, "Deployment", deployment);
            var grace = TimeSpan.FromSeconds(int.Parse(Value(doc, "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
            var preStop = TimeSpan.FromSeconds(int.Parse(PreStopSleep().Match(doc).Groups[1].Value, CultureInfo.InvariantCulture));
            grace.Should().BeGreaterThan(preStop + shutdown,
                $"{deployment} must be allowed to drain: SIGKILL may not come before preStop ({preStop}) + shutdown timeout ({shutdown})");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_Deployments_RollOutWithoutLosingCapacity(string overlay)
    {
        var docs = Documents(await RenderAsync(overlay));

        foreach (var name in new[] { "broker-silo", "broker-gateway" })
        {
            var doc = Find(docs, "Deployment", name);
            Value(doc, "maxUnavailable").Should().Be("0", $"{name} rolls one new pod in before an old one goes");
            doc.Should().Contain("path: /healthz", $"{name} is ready only when /healthz says so");
            doc.Should().Contain("runAsNonRoot: true");
        }
        Find(docs, "PodDisruptionBudget", "broker-silo").Should().NotBeEmpty();
        Find(docs, "HorizontalPodAutoscaler", "broker-gateway").Should().NotBeEmpty();
        Value(Find(docs, "Service", "broker-gateway"), "type").Should().Be("LoadBalancer");
    }

    private static async Task<string> RenderAsync(string overlay)
    {
        ExternalTool.Require("kubectl", "The manifest tests render cluster/k8s/overlays with `kubectl kustomize` (offline, no cluster needed).",
            "any kubectl 1.27 or later, which embeds kustomize (e.g. the kubectl package of the Kubernetes apt repository)");
        var dir = RepositoryLayout.InRepository("cluster", "k8s", "overlays", overlay);
        var result = await ExternalTool.RunAsync("kubectl", ["kustomize", dir], _toolTimeout);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Stdout;
    }

    private static List<string> Documents(string rendered) => [.. DocumentSeparator().Split(rendered).Where(d => !string.IsNullOrWhiteSpace(d))];

    /// <summary>The rendered object of <paramref name="kind"/> whose name starts with <paramref name="namePrefix"/>
    /// (generated ConfigMaps carry a hash suffix).</summary>
    private static string Find(List<string> docs, string kind, string namePrefix)
    {
        var found = docs.Where(d => Value(d, "kind") == kind && MetadataName().Match(d).Groups[1].Value.StartsWith(namePrefix, StringComparison.Ordinal)).ToList();
        found.Should().ContainSingle($"the overlay renders one {kind} named {namePrefix}*");
        return found[0];
    }

    /// <summary>The first <c>key: value</c> for <paramref name="key"/> at any depth, unquoted.</summary>
    private static string Value(string doc, string key)
    {
        var match = Regex.Match(doc, $@"^\s*{Regex.Escape(key)}: (.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        match.Success.Should().BeTrue($"'{key}:' is in\n{doc}");
        return match.Groups[1].Value.Trim().Trim('"', '\'');
    }

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^  name: (\S+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MetadataName();

    [GeneratedRegex(@"preStop:\s+sleep:\s+seconds: (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PreStopSleep();

    [GeneratedRegex(@"^(?<passed>\d+) passed, (?<failed>\d+) failed\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();
}
