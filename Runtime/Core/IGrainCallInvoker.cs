using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Core;

/// <summary>
/// Sends grain calls wherever the grain lives: inside a silo (local dispatch or a silo-to-silo connection) or in a
/// cluster client (a gateway-to-silo connection). Implemented by the runtime, used through <see cref="GrainReference"/>.
/// </summary>
public interface IGrainCallInvoker
{
    /// <summary>Calls the grain and returns its reply; throws what the grain threw (as <see cref="GrainCallException"/>
    /// when it crossed a process), <see cref="TimeoutException"/> after the call timeout.</summary>
    ValueTask<IWireMessage> InvokeAsync(GrainId target, IWireMessage request, CancellationToken cancellationToken);

    /// <summary>Sends a message that has no reply. Delivery is best effort, in order per sender and grain.</summary>
    void SendOneWay(GrainId target, IWireMessage message);
}
