namespace Runtime.Core;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle longer than the collection age.</summary>
    Idle,

    /// <summary>The grain asked for it (Grain.DeactivateOnIdle).</summary>
    Requested,

    /// <summary>The silo is shutting down gracefully.</summary>
    SiloShutdown,

    /// <summary>A newer activation owns the grain: the state must not be written.</summary>
    Fenced,

    /// <summary>Activation failed.</summary>
    ActivationFailed,

    /// <summary>The grain's owner changed with the membership view (rebalancing).</summary>
    Rebalanced,

    /// <summary>A storage write failed after the grain had changed its memory: the next activation reloads what is
    /// committed.</summary>
    CommitFailed,
}
