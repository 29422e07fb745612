namespace Runtime.Activation;

/// <summary>The outcome of offering an item to an activation's mailbox.</summary>
internal enum EnqueueResult
{
    Accepted,

    /// <summary>The activation is deactivating or gone: look it up again.</summary>
    Invalid,

    /// <summary>The mailbox is full: refuse the call (backpressure).</summary>
    Full,
}
