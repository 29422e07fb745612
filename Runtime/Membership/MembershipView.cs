using Runtime.Identity;

namespace Runtime.Membership;

/// <summary>
/// An immutable snapshot of the cluster as read from the membership table: its version and the silos per status.
/// Placement uses <see cref="ActiveSilos"/> (sorted, so every reader of the same version sees the same list).
/// </summary>
public sealed class MembershipView
{
    public static readonly MembershipView Empty = new(-1, []);

    public MembershipView(long version, IReadOnlyList<MembershipEntry> entries)
    {
        Version = version;
        Entries = entries;
        var active = new List<SiloAddress>();
        foreach (var entry in entries)
        {
            if (entry.Status == SiloStatus.Active)
            {
                active.Add(entry.Silo);
            }
        }
        active.Sort(static (a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        ActiveSilos = active;
    }

    public long Version { get; }

    public IReadOnlyList<MembershipEntry> Entries { get; }

    public IReadOnlyList<SiloAddress> ActiveSilos { get; }

    public SiloStatus StatusOf(SiloAddress silo)
    {
        foreach (var entry in Entries)
        {
            if (entry.Silo == silo)
            {
                return entry.Status;
            }
        }
        return SiloStatus.None;
    }

    public bool IsDead(SiloAddress silo) => StatusOf(silo) == SiloStatus.Dead;

    public override string ToString() => $"v{Version} [{string.Join(", ", ActiveSilos)}]";
}
