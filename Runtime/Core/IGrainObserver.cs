using Runtime.Serialization;

namespace Runtime.Core;

/// <summary>
/// An object in a cluster client (a gateway) that grains push messages to, e.g. a consumer receiving deliveries.
/// Notifications from one silo arrive in the order sent. <see cref="OnNotify"/> runs on the connection's reader and
/// must not block: hand the message off.
/// </summary>
public interface IGrainObserver
{
    void OnNotify(IWireMessage message);
}
