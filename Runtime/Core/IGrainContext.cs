using Runtime.Identity;
using Runtime.Serialization;
using Runtime.Storage;

namespace Runtime.Core;

/// <summary>What the runtime gives an activation: its identity, the services it may use, and control over its own
/// life cycle. Valid from before <see cref="Grain.OnActivateAsync"/> until after <see cref="Grain.OnDeactivateAsync"/>.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    /// <summary>The silo that hosts this activation.</summary>
    SiloAddress Silo { get; }

    IGrainFactory GrainFactory { get; }

    IGrainStorage Storage { get; }

    TimeProvider TimeProvider { get; }

    /// <summary>Asks the runtime to deactivate this activation after the current turn.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Pushes a message to a client-side observer (one way, best effort, ordered per silo and client).</summary>
    void Notify(ObserverId observer, IWireMessage message);
}
