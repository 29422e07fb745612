using System.Collections.Concurrent;

namespace Runtime.Messaging;

/// <summary>
/// Requests in flight, by correlation id (Orleans' callback table). One sweep timer fails the expired ones with
/// <see cref="TimeoutException"/>; a closed connection fails its own with <see cref="ConnectionLostException"/>.
/// </summary>
internal sealed class PendingCalls : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ulong, PendingCall> _calls = new();
    private readonly ConcurrentDictionary<LocalCallSink, byte> _local = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;
    private long _nextId;

    public PendingCalls(TimeProvider time)
    {
        _time = time;
        _sweep = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    public int Count => _calls.Count;

    public PendingCall Register(Connection connection, long deadlineTimestamp)
    {
        var id = (ulong)Interlocked.Increment(ref _nextId);
        var call = new PendingCall(id, connection, deadlineTimestamp);
        _calls[id] = call;
        return call;
    }

    public void Complete(Frame response)
    {
        if (_calls.TryRemove(response.CorrelationId, out var call))
        {
            call.TrySetResult(response);
        }
    }

    public void Fail(ulong correlationId, Exception exception)
    {
        if (_calls.TryRemove(correlationId, out var call))
        {
            call.TrySetException(exception);
        }
    }

    public void FailAll(Connection connection)
    {
        foreach (var call in _calls.Values)
        {
            if (call.Connection == connection && _calls.TryRemove(call.CorrelationId, out _))
            {
                call.TrySetException(new ConnectionLostException($"The connection to {connection.RemoteId} closed while the call was pending."));
            }
        }
    }

    /// <summary>Watches a local call's deadline (no timer per call).</summary>
    public void Track(LocalCallSink sink) => _local.TryAdd(sink, 0);

    public void Untrack(LocalCallSink sink) => _local.TryRemove(sink, out _);

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var sink in _local.Keys)
        {
            if (now > sink.DeadlineTimestamp && _local.TryRemove(sink, out _))
            {
                sink.TrySetException(new TimeoutException($"Call to {sink.Target} timed out: no answer within the call timeout."));
            }
        }
        foreach (var call in _calls.Values)
        {
            if (now > call.DeadlineTimestamp && _calls.TryRemove(call.CorrelationId, out _))
            {
                call.TrySetException(new TimeoutException($"No response from {call.Connection.RemoteId} within the call timeout."));
            }
        }
    }

    public ValueTask DisposeAsync() => _sweep.DisposeAsync();
}
