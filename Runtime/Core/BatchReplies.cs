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

    public Exception? ErrorAt(int index) => _errors[index];
}
