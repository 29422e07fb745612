namespace Gateway.Amqp.Framing;

/// <summary>terminus-durability (Part 3 §3.5.5), a uint: what state of a terminus is kept durably.</summary>
public enum TerminusDurability : uint
{
    /// <summary>No terminus state is retained durably. The default.</summary>
    None = 0,

    /// <summary>Only the existence and configuration of the terminus.</summary>
    Configuration = 1,

    /// <summary>Configuration and unsettled state (durable subscriptions).</summary>
    UnsettledState = 2,
}
