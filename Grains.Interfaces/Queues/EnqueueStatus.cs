namespace Grains.Interfaces.Queues;

/// <summary>Whether an enqueue was stored.</summary>
public enum EnqueueStatus : byte
{
    /// <summary>Stored durably (or already there: a retry).</summary>
    Accepted = 0,

    /// <summary>The queue is full and refuses new messages (overflow policy RejectNew).</summary>
    QueueFull = 1,

    /// <summary>The queue does not exist and auto-create is off.</summary>
    NotFound = 2,
}
