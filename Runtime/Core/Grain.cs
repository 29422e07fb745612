using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Core;

/// <summary>
/// The base class of every grain. The runtime activates it on its first call and runs one turn at a time: while
/// <see cref="HandleAsync"/> (including everything it awaits) runs, no other request of this activation starts,
/// so grain code needs no locks.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The runtime context; set before <see cref="OnActivateAsync"/>.</summary>
    protected IGrainContext Context => _context ?? throw new InvalidOperationException("The grain is not activated yet.");

    public GrainId GrainId => Context.GrainId;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    protected TimeProvider TimeProvider => Context.TimeProvider;

    internal void Attach(IGrainContext context) => _context = context;

    /// <summary>Runs before the first request, as the activation's first turn.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the activation's last turn: flush what must survive here. Not called when the silo is killed.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles one request and returns its reply. Dispatch with a switch on the request type;
    /// throw <see cref="UnknownRequestException"/> for anything else.</summary>
    protected abstract ValueTask<IWireMessage> HandleAsync(IWireMessage request);

    internal ValueTask<IWireMessage> InvokeAsync(IWireMessage request) => HandleAsync(request);

    internal ValueTask HandleBatchInternalAsync(IReadOnlyList<IWireMessage> requests, BatchReplies replies) => HandleBatchAsync(requests, replies);

    /// <summary>How many consecutive <see cref="IBatchableRequest"/>s one turn may take (1 = no batching).</summary>
    protected internal virtual int MaxBatchSize => 1;

    /// <summary>
    /// Handles consecutive batchable requests in one turn, in mailbox order. Set each request's outcome in
    /// <paramref name="replies"/> (a reply or an exception); requests left without an outcome fail. By default runs
    /// <see cref="HandleAsync"/> for each.
    /// </summary>
    protected virtual async ValueTask HandleBatchAsync(IReadOnlyList<IWireMessage> requests, BatchReplies replies)
    {
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                replies.Complete(i, await HandleAsync(requests[i]).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                replies.Fail(i, ex);
            }
        }
    }

    internal ValueTask InvokeOneWayAsync(IWireMessage message) => HandleOneWayAsync(message);

    /// <summary>Handles a one-way message; by default the same as a request whose reply is dropped.</summary>
    protected virtual async ValueTask HandleOneWayAsync(IWireMessage message) => await HandleAsync(message).ConfigureAwait(false);

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Context.Deactivate(DeactivationReason.Requested);

    /// <summary>Registers a timer whose ticks run as turns of this activation.</summary>
    protected IDisposable RegisterTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    /// <summary>Pushes a message to a client-side observer.</summary>
    protected void Notify(ObserverId observer, IWireMessage message) => Context.Notify(observer, message);

    /// <summary>False when a push to <paramref name="observer"/> would be dropped now (its client is gone from this silo).</summary>
    protected bool IsReachable(ObserverId observer) => Context.IsReachable(observer);

    /// <summary>The exception to throw for a request this grain does not handle.</summary>
    protected UnknownRequestException Unknown(IWireMessage request) => new(GrainId.Kind, request.GetType());
}
