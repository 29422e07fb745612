using Runtime.Identity;
using Runtime.Placement;

namespace Benchmarks.Runtime;

/// <summary>Finds grain keys that rendezvous placement puts on a chosen silo under a membership view.</summary>
public static class GrainKeys
{
    /// <summary>The first <paramref name="count"/> keys <c>{prefix}-0</c>, <c>{prefix}-1</c>, ... whose owner among
    /// <paramref name="activeSilos"/> is <paramref name="owner"/>.</summary>
    public static List<GrainId> OwnedBy(SiloAddress owner, IReadOnlyList<SiloAddress> activeSilos, string kind, string prefix, int count)
    {
        var keys = new List<GrainId>(count);
        for (var i = 0; keys.Count < count; i++)
        {
            if (i > count * 1000)
            {
                throw new InvalidOperationException($"No {count} keys with prefix '{prefix}' are owned by {owner}.");
            }
            var grainId = GrainId.Create(kind, $"{prefix}-{i}");
            if (RendezvousPlacementDirector.Instance.PickOwner(grainId, activeSilos) == owner)
            {
                keys.Add(grainId);
            }
        }
        return keys;
    }
}
