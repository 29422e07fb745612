using Runtime.Serialization;

namespace Runtime.Core;

/// <summary>The outcomes of a batch of requests handled in one turn, by position in the batch.</summary>
public sealed class BatchReplies
{
    private readonly IWireMessage?[] _replies;
    private readonly Exception?[] _errors;

    public BatchReplies(int count)
    {
        _replies = new IWireMessage?[count];
        _errors = new Exception?[count];
    }

    public int Count => _replies.Length;

    public void Complete(int index, IWireMessage reply) => _replies[index] = reply;

    public void Fail(int index, Exception exception) => _errors[index] = exception;

    /// <summary>Fails every request that has no outcome yet.</summary>
    public void FailRemaining(Exception exception)
    {
        for (var i = 0; i < _replies.Length; i++)
        {
            if (_replies[i] is null && _errors[i] is null)
            {
                _errors[i] = exception;
            }
        }
    }

    public IWireMessage? ReplyAt(int index) => _replies[index];

    /// <summary>Set by <see cref="CompleteAfter"/>: the outcomes are known once it completes.</summary>
    public Task? Pending { get; private set; }

    /// <summary>
    /// The outcomes are known only once <paramref name="pending"/> completes (e.g. a journal commit the turn started):
    /// the runtime ends the turn without waiting for it and answers the callers when it completes, so the grain's next
    /// turn can start meanwhile. <paramref name="pending"/> sets the outcomes itself (it must not touch the grain's
    /// state: it does not run as a turn); when it faults, every request without an outcome fails with its exception.
    /// Callers that hold the turn themselves (a single request) await <see cref="Pending"/>.
    /// </summary>
    public void CompleteAfter(Task pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (Pending is not null)
        {
            throw new InvalidOperationException("The replies of this batch are already pending on a task.");
        }
        Pending = pending;
    }

    public Exception? ErrorAt(int index) => _errors[index];
}
