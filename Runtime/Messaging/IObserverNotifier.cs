using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>How grains reach client-side observers: one-way pushes, and whether a push could reach an observer now.</summary>
internal interface IObserverNotifier
{
    /// <summary>Pushes <paramref name="message"/> to <paramref name="observer"/> (best effort, ordered per silo and client);
    /// dropped when the observer is not reachable.</summary>
    void Notify(ObserverId observer, IWireMessage message);

    /// <summary>False when a push to <paramref name="observer"/> would be dropped: its client has no connection to this
    /// silo (a gateway that crashed or left), or the silo hosting it is dead.</summary>
    bool IsReachable(ObserverId observer);
}
