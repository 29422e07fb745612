namespace Runtime.Membership;

/// <summary>
/// Membership timing. A silo writes its heartbeat every <see cref="IAmAlivePeriod"/> and reads the table every
/// <see cref="TableRefreshPeriod"/>; a silo whose heartbeat (by the table's clock) is older than
/// <see cref="DeathTimeout"/> is declared dead by the first peer that notices.
/// </summary>
public sealed class MembershipOptions
{
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Rows of dead silos older than this are deleted from the table.</summary>
    public TimeSpan DefunctEntryRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (IAmAlivePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Membership:IAmAlivePeriod must be positive (is {IAmAlivePeriod}).");
        }
        if (TableRefreshPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Membership:TableRefreshPeriod must be positive (is {TableRefreshPeriod}).");
        }
        if (DeathTimeout < IAmAlivePeriod * 2)
        {
            throw new ArgumentException(
                $"Membership:DeathTimeout ({DeathTimeout}) must be at least twice Membership:IAmAlivePeriod ({IAmAlivePeriod}), or live silos are declared dead.");
        }
    }
}
