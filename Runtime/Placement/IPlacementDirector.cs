using Runtime.Identity;

namespace Runtime.Placement;

/// <summary>Chooses the silo that owns a grain, given the active silos of a membership view.
/// Must be deterministic: every silo and client with the same view picks the same owner.</summary>
public interface IPlacementDirector
{
    /// <summary>The owner of <paramref name="grainId"/> among <paramref name="activeSilos"/> (not empty).</summary>
    SiloAddress PickOwner(GrainId grainId, IReadOnlyList<SiloAddress> activeSilos);
}
