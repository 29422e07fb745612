using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Messaging;
using Runtime.Serialization;
using Runtime.Storage;
using Runtime.Storage.Journal;

namespace Runtime.Activation;

/// <summary>
/// One activation of a grain on this silo: the grain instance, its mailbox and the loop that runs one turn at a time.
/// The first turn is activation, the last is deactivation; items left in the mailbox after it are forwarded to the
/// next activation through the catalog, so no request is lost by idle collection or fencing.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private readonly Catalog _catalog;
    private readonly Grain _grain;
    private readonly Channel<MailboxItem> _mailbox;
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly HashSet<GrainTimer> _timers = [];
    private ActivationState _state = ActivationState.Activating;
    private DeactivationReason? _deactivationReason;
    private long _lastActiveTimestamp;
    private int _running;
    private bool _aborted;

    public ActivationData(Catalog catalog, GrainId grainId, Grain grain, int mailboxCapacity, ILogger logger)
    {
        _catalog = catalog;
        GrainId = grainId;
        _grain = grain;
        _logger = logger;
        _mailbox = Channel.CreateBounded<MailboxItem>(new BoundedChannelOptions(mailboxCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _lastActiveTimestamp = catalog.TimeProvider.GetTimestamp();
        grain.Attach(this);
    }

    public GrainId GrainId { get; }

    public SiloAddress Silo => _catalog.Silo;

    public IGrainFactory GrainFactory => _catalog.GrainFactory;

    public IGrainStorage Storage => _catalog.Storage;

    public IJournal Journal => _catalog.Journal;

    public TimeProvider TimeProvider => _catalog.TimeProvider;

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>True while a turn runs or items wait.</summary>
    public bool IsBusy => Volatile.Read(ref _running) != 0 || _mailbox.Reader.Count > 0;

    /// <summary>How long since the last turn ended.</summary>
    public TimeSpan IdleTime => TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActiveTimestamp));

    /// <summary>Starts the activation loop. Called once, by the catalog, after the activation is registered.</summary>
    public void Start() => _ = Task.Run(RunAsync);

    public EnqueueResult TryEnqueue(in MailboxItem item)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return EnqueueResult.Invalid;
            }
            return _mailbox.Writer.TryWrite(item) ? EnqueueResult.Accepted : EnqueueResult.Full;
        }
    }

    public void Deactivate(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_deactivationReason is not null || _state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }
            _deactivationReason = reason;
        }
        // Wake an idle loop; a busy one sees the reason after its current turn.
        _mailbox.Writer.TryWrite(default);
    }

    /// <summary>Deactivates and waits until the last turn ran (graceful shutdown, idle collection).</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        Deactivate(reason);
        return _completion.Task;
    }

    /// <summary>Drops the activation without running its hooks: a killed silo.</summary>
    public void Abort()
    {
        lock (_lock)
        {
            _state = ActivationState.Invalid;
        }
        Volatile.Write(ref _aborted, true);
        DisposeTimers();
        _mailbox.Writer.TryComplete();
    }

    public void Notify(ObserverId observer, IWireMessage message) => _catalog.Notify(observer, message);

    public bool IsReachable(ObserverId observer) => _catalog.IsReachable(observer);

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync()
    {
        try
        {
            if (!await ActivateAsync().ConfigureAwait(false))
            {
                return;
            }
            var reader = _mailbox.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (Volatile.Read(ref _aborted))
                    {
                        return; // aborted (a plain flag: this check runs for every item, the state lock is not needed)
                    }
                    if (item.Message is IBatchableRequest && _grain.MaxBatchSize > 1)
                    {
                        var next = await RunBatchTurnAsync(item).ConfigureAwait(false);
                        if (next is { } following)
                        {
                            item = following;
                        }
                        else
                        {
                            goto checkDeactivation;
                        }
                    }
                    if (item.Message is not null)
                    {
                        await RunTurnAsync(item).ConfigureAwait(false);
                    }
                    else if (item.Callback is not null)
                    {
                        await RunTimerTurnAsync(item.Callback).ConfigureAwait(false);
                    }
                checkDeactivation:
                    if (_deactivationReason is { } reason)
                    {
                        await DeactivateCoreAsync(reason).ConfigureAwait(false);
                        return;
                    }
                }
            }
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task<bool> ActivateAsync()
    {
        Volatile.Write(ref _running, 1);
        try
        {
            await _grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                if (_state == ActivationState.Invalid)
                {
                    return false;
                }
                _state = ActivationState.Valid;
            }
            return true;
        }
        catch (Exception ex)
        {
            LogActivationFailed(_logger, GrainId, ex);
            lock (_lock)
            {
                _state = ActivationState.Invalid;
            }
            _catalog.Remove(this);
            _mailbox.Writer.TryComplete();
            while (_mailbox.Reader.TryRead(out var item))
            {
                item.Sink?.Fail(item.CorrelationId, new GrainCallException(ex.GetType().Name,
                    $"Activation of {GrainId} failed: {ex.Message}"));
            }
            return false;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task RunTurnAsync(MailboxItem item)
    {
        if (item.DeadlineTimestamp != 0 && TimeProvider.GetTimestamp() > item.DeadlineTimestamp)
        {
            // The caller gave up already; running the request now would only waste the turn.
            item.Sink?.Reject(item.CorrelationId, CallStatus.Expired, $"The request to {GrainId} expired in the mailbox.");
            return;
        }
        Volatile.Write(ref _running, 1);
        try
        {
            if (item.Sink is null)
            {
                await _grain.InvokeOneWayAsync(item.Message!).ConfigureAwait(false);
            }
            else
            {
                var reply = await _grain.InvokeAsync(item.Message!).ConfigureAwait(false);
                item.Sink.Complete(item.CorrelationId, reply);
            }
        }
        catch (Exception ex)
        {
            if (item.Sink is null)
            {
                LogOneWayFailed(_logger, GrainId, item.Message!.GetType().Name, ex);
            }
            else
            {
                item.Sink.Fail(item.CorrelationId, ex);
            }
        }
        finally
        {
            Volatile.Write(ref _lastActiveTimestamp, TimeProvider.GetTimestamp());
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Takes <paramref name="first"/> and the batchable requests queued right behind it (up to the grain's batch size)
    /// and runs them as one turn. Returns the first non-batchable item it had to take out of the mailbox, which the
    /// caller runs next, so mailbox order is kept.
    /// </summary>
    private async Task<MailboxItem?> RunBatchTurnAsync(MailboxItem first)
    {
        var items = new List<MailboxItem>(Math.Min(_grain.MaxBatchSize, _mailbox.Reader.Count + 1)) { first };
        MailboxItem? following = null;
        var now = TimeProvider.GetTimestamp();
        while (items.Count < _grain.MaxBatchSize && _mailbox.Reader.TryRead(out var next))
        {
            if (next.Message is IBatchableRequest)
            {
                items.Add(next);
                continue;
            }
            following = next;
            break;
        }
        var live = new List<MailboxItem>(items.Count);
        foreach (var item in items)
        {
            if (item.DeadlineTimestamp != 0 && now > item.DeadlineTimestamp)
            {
                item.Sink?.Reject(item.CorrelationId, CallStatus.Expired, $"The request to {GrainId} expired in the mailbox.");
            }
            else
            {
                live.Add(item);
            }
        }
        if (live.Count == 0)
        {
            return following;
        }
        var requests = new IWireMessage[live.Count];
        for (var i = 0; i < live.Count; i++)
        {
            requests[i] = live[i].Message!;
        }
        var replies = new BatchReplies(live.Count);
        Volatile.Write(ref _running, 1);
        try
        {
            await _grain.HandleBatchInternalAsync(requests, replies).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            replies.FailRemaining(ex);
        }
        finally
        {
            Volatile.Write(ref _lastActiveTimestamp, TimeProvider.GetTimestamp());
            Volatile.Write(ref _running, 0);
        }
        if (replies.Pending is { IsCompleted: false } pending)
        {
            // The grain set its outcomes to come later (BatchReplies.CompleteAfter): answer then, off the turn.
            _ = AnswerWhenDoneAsync(live, replies, pending);
            return following;
        }
        Answer(live, replies);
        return following;
    }

    private async Task AnswerWhenDoneAsync(List<MailboxItem> live, BatchReplies replies, Task pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            replies.FailRemaining(ex);
        }
        Answer(live, replies);
    }

    private void Answer(List<MailboxItem> live, BatchReplies replies)
    {
        if (replies.Pending is { IsFaulted: true } failed)
        {
            replies.FailRemaining(failed.Exception!.InnerException ?? failed.Exception);
        }
        replies.FailRemaining(new InvalidOperationException($"Grain {GrainId} gave no outcome for a batched request."));
        for (var i = 0; i < live.Count; i++)
        {
            var item = live[i];
            if (item.Sink is null)
            {
                continue;
            }
            if (replies.ErrorAt(i) is { } error)
            {
                item.Sink.Fail(item.CorrelationId, error);
            }
            else
            {
                item.Sink.Complete(item.CorrelationId, replies.ReplyAt(i)!);
            }
        }
    }

    /// <summary>Runs a timer callback as a turn. Timer turns do not count as activity for idle collection
    /// (Orleans: timers do not keep a grain alive).</summary>
    private async Task RunTimerTurnAsync(Func<Task> callback)
    {
        Volatile.Write(ref _running, 1);
        try
        {
            await callback().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogTimerFailed(_logger, GrainId, ex);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public IDisposable RegisterTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback);
        timer.Start(TimeProvider, dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }
        return timer;
    }

    /// <summary>Queues a timer tick unless the activation is leaving or its mailbox is full (the tick is then skipped).</summary>
    internal void EnqueueTimerTick(GrainTimer timer, Func<Task> callback)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid || !_timers.Contains(timer))
            {
                return;
            }
            _mailbox.Writer.TryWrite(MailboxItem.Timer(callback));
        }
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        DisposeTimers();
        lock (_lock)
        {
            _state = ActivationState.Deactivating;
        }
        Volatile.Write(ref _running, 1);
        try
        {
            await _grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDeactivationFailed(_logger, GrainId, ex);
        }
        lock (_lock)
        {
            _state = ActivationState.Invalid;
        }
        _catalog.Remove(this);
        _mailbox.Writer.TryComplete();
        // Forward what arrived during the last turns to the next activation.
        while (_mailbox.Reader.TryRead(out var item))
        {
            if (item.Message is not null)
            {
                _catalog.Dispatch(GrainId, item);
            }
        }
        Volatile.Write(ref _running, 0);
        LogDeactivated(_logger, GrainId, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deactivation hook of {GrainId} failed")]
    private static partial void LogDeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way message {MessageType} to {GrainId} failed")]
    private static partial void LogOneWayFailed(ILogger logger, GrainId grainId, string messageType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer of {GrainId} failed")]
    private static partial void LogTimerFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason})")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId, DeactivationReason reason);
}
