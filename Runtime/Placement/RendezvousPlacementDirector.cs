using Runtime.Identity;

namespace Runtime.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: the owner is the silo with the highest score(grain, silo). When a silo
/// joins, it takes exactly the grains for which it now scores highest (about 1/(N+1) of them) and no other grain
/// moves; when a silo leaves, only its grains move. Orleans' hash placement is modulo-based and remaps almost every
/// grain on a view change, which is why we do not copy it.
/// </summary>
public sealed class RendezvousPlacementDirector : IPlacementDirector
{
    public static readonly RendezvousPlacementDirector Instance = new();

    public SiloAddress PickOwner(GrainId grainId, IReadOnlyList<SiloAddress> activeSilos)
    {
        if (activeSilos.Count == 0)
        {
            throw new InvalidOperationException("No active silo to place a grain on.");
        }
        var grainHash = grainId.UniformHash;
        var best = activeSilos[0];
        var bestScore = StableHash.Combine(grainHash, best.UniformHash);
        for (var i = 1; i < activeSilos.Count; i++)
        {
            var silo = activeSilos[i];
            var score = StableHash.Combine(grainHash, silo.UniformHash);
            if (score > bestScore)
            {
                best = silo;
                bestScore = score;
            }
        }
        return best;
    }
}
