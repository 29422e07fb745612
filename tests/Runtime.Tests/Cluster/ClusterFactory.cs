using Runtime.Hosting;
using Runtime.Tests.Grains;
using TestCluster;

namespace Runtime.Tests.Cluster;

/// <summary>Starts test clusters hosting the test grains.</summary>
internal static class ClusterFactory
{
    public static Task<InProcessTestCluster> StartAsync(int silos, Action<SiloOptions>? configure = null, Action<InProcessTestClusterBuilder>? builder = null)
    {
        var b = new InProcessTestClusterBuilder
        {
            InitialSilosCount = silos,
            ConfigureGrains = TestGrains.Add,
            ConfigureSilo = configure,
        };
        builder?.Invoke(b);
        return b.BuildAndStartAsync();
    }

    /// <summary>Fails when a silo logged an error that the test did not expect.</summary>
    public static void ShouldHaveNoErrors(this InProcessTestCluster cluster) =>
        cluster.Logs.Errors.Should().BeEmpty("no silo should log an error: {0}", string.Join("\n", cluster.Logs.Errors));
}
