namespace Runtime.Messaging;

/// <summary>A request sent on a connection and waiting for its response frame.</summary>
internal sealed class PendingCall : TaskCompletionSource<Frame>
{
    public PendingCall(ulong correlationId, Connection connection, long deadlineTimestamp)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        CorrelationId = correlationId;
        Connection = connection;
        DeadlineTimestamp = deadlineTimestamp;
    }

    public ulong CorrelationId { get; }

    public Connection Connection { get; }

    public long DeadlineTimestamp { get; }
}
