using Runtime.Identity;

namespace Runtime.Storage;

/// <summary>
/// Durable grain state with epoch fencing (DESIGN.md "Runtime rules").
/// <list type="bullet">
/// <item><see cref="TakeOwnershipAsync"/> atomically sets <c>epoch = epoch + 1</c> for the grain (creating its row with
/// epoch 1 if missing), records the owner, and returns the new epoch together with the committed state. After it
/// returns, every write made with an older epoch fails.</item>
/// <item><see cref="WriteStateAsync"/> and <see cref="ClearStateAsync"/> commit only when the grain's current epoch
/// equals the presented one; they return <c>false</c> (and change nothing) otherwise: the caller is a stale
/// activation and must deactivate. They return <c>true</c> only once the change is durable. They throw only on
/// storage failure.</item>
/// </list>
/// </summary>
public interface IGrainStorage
{
    /// <summary>Creates the schema if missing (applies versioned migrations). Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<GrainOwnership> TakeOwnershipAsync(GrainId grainId, string owner, CancellationToken cancellationToken = default);

    Task<bool> WriteStateAsync(GrainId grainId, long epoch, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default);

    Task<bool> ClearStateAsync(GrainId grainId, long epoch, CancellationToken cancellationToken = default);
}
