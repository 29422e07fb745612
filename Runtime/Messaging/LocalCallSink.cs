using Runtime.Activation;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>The reply of a call made inside the silo that hosts the grain: completes the caller's task directly.
/// Failures are wrapped exactly as a remote call would see them, so local and remote calls behave alike.</summary>
internal sealed class LocalCallSink : TaskCompletionSource<IWireMessage>, IResponseSink
{
    public LocalCallSink(GrainId target = default, long deadlineTimestamp = long.MaxValue) : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Target = target;
        DeadlineTimestamp = deadlineTimestamp;
    }

    public GrainId Target { get; }

    /// <summary>When the caller gives up (the pending-call sweep fails the sink with a timeout).</summary>
    public long DeadlineTimestamp { get; }

    public CallStatus RejectStatus { get; private set; }

    public void Complete(ulong correlationId, IWireMessage reply) => TrySetResult(reply);

    public void Fail(ulong correlationId, Exception exception) =>
        TrySetException(new GrainCallException(exception.GetType().Name, exception.Message));

    public void Reject(ulong correlationId, CallStatus status, string message)
    {
        RejectStatus = status;
        TrySetException(new CallRejectedException(status, message));
    }
}
