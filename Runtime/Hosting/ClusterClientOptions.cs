using Runtime.Messaging;

namespace Runtime.Hosting;

/// <summary>How a cluster client (a gateway) finds and talks to silos.</summary>
public sealed class ClusterClientOptions
{
    public string ClusterId { get; set; } = "dev";

    /// <summary>Unique per client process; generated when null.</summary>
    public string? ClientId { get; set; }

    /// <summary>How often the membership table is re-read (also re-read at once when a silo is unreachable).</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    public MessagingOptions Messaging { get; set; } = new();

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException("Client:ClusterId must not be empty.");
        }
        if (TableRefreshPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Client:TableRefreshPeriod must be positive (is {TableRefreshPeriod}).");
        }
        Messaging.Validate();
    }
}
