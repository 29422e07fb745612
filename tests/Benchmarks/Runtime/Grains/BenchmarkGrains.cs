using Runtime.Activation;
using Runtime.Serialization;

namespace Benchmarks.Runtime.Grains;

/// <summary>Registers the benchmark grains and their wire types (pass <see cref="Add"/> to the cluster builder).</summary>
public static class BenchmarkGrains
{
    public static void Add(GrainTypeRegistry registry)
    {
        WireRegistry.Register<Ping>();
        registry.Add<PingGrain>(PingGrain.Kind);
    }
}
