using Runtime.Core;

namespace Gateway.Hosting;

/// <summary>
/// How protocol front ends reach grains: the co-hosted silo's grain factory in the embedded broker, a cluster client's
/// in a separate gateway process. Null until the silo or client has started.
/// </summary>
public interface IGrainFactoryAccessor
{
    IGrainFactory? GrainFactory { get; }

    /// <summary>Where the gateway's consumers and route watchers register (the silo or the cluster client).</summary>
    IObserverFactory? Observers { get; }
}
