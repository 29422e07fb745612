using Benchmarks.Runtime.Grains;
using Runtime.Core;
using Runtime.Hosting;
using TestCluster;

namespace Benchmarks.Runtime;

/// <summary>
/// <c>calls</c>: grain calls per second and latency percentiles through the three call paths (local, cross-silo,
/// cluster client), each with 1 caller and 64 concurrent callers (64 grains, then all 64 on one grain). Runs an
/// in-process cluster of two silos and a cluster client on loopback.
/// </summary>
public sealed class GrainCallBenchmark : IBenchmarkProgram
{
    private const int ManyCallers = 64;

    public string Name => "calls";

    public string Description => "grain calls/s and p50/p99/max latency: local, cross-silo and client calls, 1 and 64 callers";

    public string Options => GrainCallOptions.Usage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = GrainCallOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{error}\nUsage: calls {GrainCallOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        output.WriteLine("Grain call benchmark");
        MachineInfo.Print(output);
        output.WriteLine($"Settings: {options.Warmup.TotalSeconds:0.###} s warm-up, then {options.Duration.TotalSeconds:0.###} s measured per row; " +
            $"at most {options.MaxCalls:N0} calls per row");
        output.WriteLine("A caller is a loop awaiting one call at a time; 64 callers run concurrently. Latency is per call");
        output.WriteLine("(Stopwatch, every call recorded). B/call is process-wide allocation / calls; GC 0/1/2 counts the collections");
        output.WriteLine("during the row and GC ms their total pause time.");
        output.WriteLine();

        await using var cluster = await new InProcessTestClusterBuilder
        {
            InitialSilosCount = 2,
            WithClient = true,
            ClusterId = "bench-calls",
            ConfigureGrains = BenchmarkGrains.Add,
        }.BuildAndStartAsync().ConfigureAwait(false);
        var siloA = cluster.Silos[0];
        var siloB = cluster.Silos[1];
        var client = cluster.Client!;
        output.WriteLine($"Cluster:  silo A {siloA.Address}, silo B {siloB.Address}, client {client.ClientId}");
        output.WriteLine();

        var scenarios = new List<CallScenario>();
        scenarios.AddRange(CreateScenarios(CallPath.Local, "local: silo A -> grain on A", siloA.GrainFactory, siloA, siloA));
        scenarios.AddRange(CreateScenarios(CallPath.CrossSilo, "cross-silo: silo A -> grain on B", siloA.GrainFactory, siloA, siloB));
        scenarios.AddRange(CreateScenarios(CallPath.Client, "client: ClusterClient -> silo B", client, siloA, siloB));

        var results = new List<CallMeasurement>(scenarios.Count);
        ResultTable.WriteHeader(output);
        foreach (var scenario in scenarios)
        {
            var result = await CallLoadRunner.RunAsync(scenario, options).ConfigureAwait(false);
            results.Add(result);
            ResultTable.WriteRow(output, result);
            var host = scenario.Path == CallPath.Local ? siloA : siloB;
            if (!host.HasActivation(scenario.Targets[0].GrainId))
            {
                output.WriteLine($"    WARNING: {scenario.Targets[0]} is not active on {host.Name}; the row did not measure the path it names.");
            }
        }

        output.WriteLine();
        output.WriteLine("Summary");
        ResultTable.Write(output, results);
        output.WriteLine();
        output.WriteLine($"'{ManyCallers} callers -> {ManyCallers} grains': one grain per caller. " +
            $"'{ManyCallers} callers -> 1 shared grain': every caller calls the same grain (mailbox contention).");
        return 0;
    }

    /// <summary>The three shapes of one path: 1 caller; 64 callers on 64 grains; 64 callers on 1 grain. All grains are
    /// owned by <paramref name="owner"/> under <paramref name="viewOf"/>'s current membership view.</summary>
    private static IEnumerable<CallScenario> CreateScenarios(CallPath path, string label, IGrainFactory factory, Silo viewOf, Silo owner)
    {
        var keys = GrainKeys.OwnedBy(owner.Address, viewOf.Membership.Current.ActiveSilos, PingGrain.Kind, path.ToString().ToLowerInvariant(),
            ManyCallers + 2);
        var single = factory.GetGrain(keys[0]);
        var distinct = new GrainReference[ManyCallers];
        for (var i = 0; i < ManyCallers; i++)
        {
            distinct[i] = factory.GetGrain(keys[i + 1]);
        }
        var shared = new GrainReference[ManyCallers];
        Array.Fill(shared, factory.GetGrain(keys[ManyCallers + 1]));
        yield return new CallScenario(path, label, [single], 1);
        yield return new CallScenario(path, label, distinct, ManyCallers);
        yield return new CallScenario(path, label, shared, 1);
    }
}
