using Runtime.Identity;
using Runtime.Serialization;
using Runtime.Storage;
using Runtime.Storage.Journal;

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

    /// <summary>The silo's journal (group commit, fenced by this grain's epoch).</summary>
    IJournal Journal { get; }

    TimeProvider TimeProvider { get; }

    /// <summary>Asks the runtime to deactivate this activation after the current turn.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Registers a timer whose ticks run as turns of this activation (never overlapping a request). Use
    /// <see cref="Timeout.InfiniteTimeSpan"/> as <paramref name="period"/> for a one-shot timer. Dispose to cancel;
    /// all timers end with the activation.</summary>
    IDisposable RegisterTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>Pushes a message to a client-side observer (one way, best effort, ordered per silo and client).</summary>
    void Notify(ObserverId observer, IWireMessage message);

    /// <summary>False when a push to <paramref name="observer"/> would be dropped now: its client (a gateway) has no
    /// connection to this silo, or the silo hosting it is dead. A grain uses it to let go of observers whose client
    /// crashed without waiting for their lease to run out.</summary>
    bool IsReachable(ObserverId observer);
}
