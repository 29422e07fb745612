using Runtime.Activation;
using Runtime.Hosting;
using Runtime.Membership;
using Runtime.Storage;
using Runtime.Storage.Journal;

namespace TestCluster;

/// <summary>Describes an in-process cluster: how many silos, which grains, which storage and membership table.</summary>
public sealed class InProcessTestClusterBuilder
{
    public int InitialSilosCount { get; set; } = 1;

    /// <summary>Starts a <see cref="ClusterClient"/> (the role a gateway plays) with the cluster.</summary>
    public bool WithClient { get; set; } = true;

    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Registers the grain classes every silo hosts.</summary>
    public Action<GrainTypeRegistry> ConfigureGrains { get; set; } = _ => { };

    /// <summary>Adjusts silo options (timings are already shortened for tests).</summary>
    public Action<SiloOptions>? ConfigureSilo { get; set; }

    /// <summary>The membership table shared by the cluster; in memory by default.</summary>
    public Func<string, IMembershipTable>? MembershipTableFactory { get; set; }

    /// <summary>The grain storage shared by the cluster; in memory by default.</summary>
    public Func<IGrainStorage>? StorageFactory { get; set; }

    /// <summary>The journal storage (same database as <see cref="StorageFactory"/>); in memory by default.</summary>
    public Func<IJournalStorage>? JournalStorageFactory { get; set; }

    public async Task<InProcessTestCluster> BuildAndStartAsync()
    {
        var cluster = new InProcessTestCluster(this);
        try
        {
            await cluster.StartAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
