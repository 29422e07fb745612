using Runtime.Identity;

namespace Runtime.Core;

/// <summary>
/// Creates observers that grains can push to (<see cref="IGrainContext.Notify"/>): implemented by a cluster client
/// (a separate gateway) and by a silo (a co-hosted gateway, or grains' helpers living in the silo process).
/// </summary>
public interface IObserverFactory
{
    ObserverId CreateObserver(IGrainObserver observer);

    bool DeleteObserver(ObserverId observer);
}
