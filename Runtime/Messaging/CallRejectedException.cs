namespace Runtime.Messaging;

/// <summary>The runtime refused a call without running it (see <see cref="CallStatus"/>).</summary>
public sealed class CallRejectedException : Exception
{
    public CallRejectedException(CallStatus status, string message) : base(message) => Status = status;

    public CallRejectedException()
    {
    }

    public CallRejectedException(string message) : base(message)
    {
    }

    public CallRejectedException(string message, Exception inner) : base(message, inner)
    {
    }

    public CallStatus Status { get; }

    /// <summary>True when a retry (after a view refresh or a pause) can succeed.</summary>
    public bool IsRetryable => Status is CallStatus.NotOwner or CallStatus.ShuttingDown or CallStatus.Overloaded;
}
