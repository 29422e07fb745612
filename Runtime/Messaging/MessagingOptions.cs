namespace Runtime.Messaging;

/// <summary>Limits and timeouts of runtime messaging (silo-to-silo and client-to-silo).</summary>
public sealed class MessagingOptions
{
    /// <summary>How long a grain call may take, retries on a new owner included.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a connection and its preamble exchange.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest frame accepted or sent; a larger one closes the connection (inbound) or fails the call (outbound).</summary>
    public int MaxFrameLength { get; set; } = 16 * 1024 * 1024;

    /// <summary>Frames queued per connection before senders wait (backpressure).</summary>
    public int OutboundQueueCapacity { get; set; } = 8192;

    /// <summary>Requests queued per activation before calls are refused with Overloaded.</summary>
    public int MailboxCapacity { get; set; } = 10_000;

    public void Validate()
    {
        if (CallTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Messaging:CallTimeout must be positive (is {CallTimeout}).");
        }
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Messaging:ConnectTimeout must be positive (is {ConnectTimeout}).");
        }
        if (MaxFrameLength < 1024)
        {
            throw new ArgumentException($"Messaging:MaxFrameLength must be at least 1024 bytes (is {MaxFrameLength}).");
        }
        if (OutboundQueueCapacity < 1 || MailboxCapacity < 1)
        {
            throw new ArgumentException("Messaging:OutboundQueueCapacity and Messaging:MailboxCapacity must be at least 1.");
        }
    }
}
