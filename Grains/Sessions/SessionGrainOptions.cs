namespace Grains.Sessions;

/// <summary>Session behaviour.</summary>
public sealed class SessionGrainOptions
{
    /// <summary>A connection not renewed for this long is treated as lost (its will is published). Gateways renew at a
    /// third of it.</summary>
    public TimeSpan ConnectionLease { get; set; } = TimeSpan.FromSeconds(30);
}
