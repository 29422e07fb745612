using Runtime.Activation;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Membership;
using Runtime.Networking;
using Runtime.Placement;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>
/// Sends a grain call to the grain's owner under the current membership view: dispatched locally when this silo owns
/// it, over a connection otherwise. When the owner is gone (connection refused or lost), has stopped, or says it is not
/// the owner, the router waits for a newer view and retries on the new owner until the call timeout. A request whose
/// connection was lost may have run: retried calls are at-least-once, and grains that must not apply a request twice
/// de-duplicate (queues do, by message id). Remote calls to one grain keep their order through such retries
/// (<see cref="CallOrdering"/>).
/// </summary>
internal sealed class GrainCallRouter : IGrainCallInvoker
{
    private static readonly TimeSpan _retryPause = TimeSpan.FromMilliseconds(50);
    private readonly ClusterMembership _membership;
    private readonly IPlacementDirector _placement;
    private readonly ConnectionManager _connections;
    private readonly PendingCalls _pending;
    private readonly ILocalGrainDispatcher? _local;
    private readonly LocalDispatchOrder? _localOrder;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;
    private readonly CallOrdering _ordering = new();

    public GrainCallRouter(ClusterMembership membership, IPlacementDirector placement, ConnectionManager connections,
        PendingCalls pending, ILocalGrainDispatcher? local, MessagingOptions options, TimeProvider time)
    {
        _membership = membership;
        _placement = placement;
        _connections = connections;
        _pending = pending;
        _local = local;
        _localOrder = local is null ? null : new LocalDispatchOrder(local, _retryPause, time);
        _options = options;
        _time = time;
    }

    public async ValueTask<IWireMessage> InvokeAsync(GrainId target, IWireMessage request, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var deadline = start + (long)(_options.CallTimeout.TotalSeconds * _time.TimestampFrequency);
        Exception? lastFailure = null;
        CallTicket? ticket = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var remaining = _options.CallTimeout - _time.GetElapsedTime(start);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"Call to {target} ({request.GetType().Name}) timed out after {_options.CallTimeout}.", lastFailure);
                }
                var view = _membership.Current;
                if (view.ActiveSilos.Count == 0)
                {
                    lastFailure = new SiloUnavailableException("No active silo in the membership view.");
                    await _membership.WaitForNewerAsync(view.Version, Min(remaining, TimeSpan.FromMilliseconds(500)), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var owner = _placement.PickOwner(target, view.ActiveSilos);
                try
                {
                    if (ticket is { } resent)
                    {
                        // A retry: it goes only after every earlier call to this grain was answered or resent.
                        await _ordering.ResendAsync(resent, owner, cancellationToken).ConfigureAwait(false);
                    }
                    if (_local is not null && owner == _local.Self)
                    {
                        // A local call skips the ordering unless earlier calls to the grain are still tracked: one sent to
                        // its previous owner and waiting to be resent here must not be overtaken (a topic's pipelined
                        // enqueues to a queue whose silo died reached it out of order).
                        if (ticket is null && _ordering.IsTracking(target))
                        {
                            ticket = await _ordering.BeginAsync(target, owner, cancellationToken).ConfigureAwait(false);
                        }
                        // No timer per call: the pending-call sweep fails the sink when its deadline passes.
                        var sink = new LocalCallSink(target, deadline);
                        _pending.Track(sink);
                        _localOrder!.Dispatch(target, new MailboxItem(request, sink, 0, deadline));
                        try
                        {
                            return cancellationToken.CanBeCanceled
                                ? await sink.Task.WaitAsync(cancellationToken).ConfigureAwait(false)
                                : await sink.Task.ConfigureAwait(false);
                        }
                        finally
                        {
                            _pending.Untrack(sink);
                        }
                    }
                    ticket ??= await _ordering.BeginAsync(target, owner, cancellationToken).ConfigureAwait(false);
                    return await CallRemoteAsync(owner, target, request, view, deadline, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SiloUnavailableException or ConnectionLostException)
                {
                    // The owner is unreachable: it is probably dying. Wait for the view that says so, then retry.
                    lastFailure = ex;
                    MarkForResend(ticket);
                    _connections.Close(owner);
                    await _membership.WaitForNewerAsync(view.Version, Min(remaining, TimeSpan.FromMilliseconds(250)), cancellationToken).ConfigureAwait(false);
                }
                catch (CallRejectedException ex) when (ex.IsRetryable)
                {
                    lastFailure = ex;
                    MarkForResend(ticket);
                    if (ex.Status == CallStatus.Overloaded)
                    {
                        await Task.Delay(Min(remaining, _retryPause), _time, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _membership.WaitForNewerAsync(view.Version, Min(remaining, TimeSpan.FromMilliseconds(250)), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            if (ticket is { } done)
            {
                _ordering.Complete(done);
            }
        }
    }

    private void MarkForResend(CallTicket? ticket)
    {
        if (ticket is { } failed)
        {
            _ordering.MarkForResend(failed);
        }
    }

    public void SendOneWay(GrainId target, IWireMessage message)
    {
        var view = _membership.Current;
        if (view.ActiveSilos.Count == 0)
        {
            return;
        }
        var owner = _placement.PickOwner(target, view.ActiveSilos);
        if (_local is not null && owner == _local.Self)
        {
            _localOrder!.Dispatch(target, new MailboxItem(message, null, 0, 0));
            return;
        }
        _connections.Get(owner).Send(new Frame { Kind = FrameKind.OneWay, Target = target, Body = message, ViewVersion = view.Version });
    }

    private async Task<IWireMessage> CallRemoteAsync(SiloAddress owner, GrainId target, IWireMessage request, MembershipView view,
        long deadline, CancellationToken cancellationToken)
    {
        var connection = _connections.Get(owner);
        var call = _pending.Register(connection, deadline);
        var ttl = (uint)Math.Clamp((deadline - _time.GetTimestamp()) * 1000 / _time.TimestampFrequency, 1, uint.MaxValue);
        try
        {
            await connection.SendAsync(new Frame
            {
                Kind = FrameKind.Request,
                CorrelationId = call.CorrelationId,
                ViewVersion = view.Version,
                TtlMilliseconds = ttl,
                Target = target,
                Body = request,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _pending.Fail(call.CorrelationId, ex);
            throw;
        }
        Frame response;
        try
        {
            response = await call.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _pending.Fail(call.CorrelationId, new OperationCanceledException());
            throw;
        }
        return response.Status switch
        {
            CallStatus.Ok => response.Body!,
            CallStatus.AppError => throw new GrainCallException(response.ErrorType ?? "Error", response.ErrorMessage ?? string.Empty),
            CallStatus.Expired => throw new TimeoutException($"Call to {target} expired before it ran: {response.ErrorMessage}"),
            _ => throw new CallRejectedException(response.Status, response.ErrorMessage ?? response.Status.ToString()),
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
