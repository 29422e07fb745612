namespace Runtime.Messaging;

/// <summary>The connection a call was sent on closed before its response arrived; the request may or may not have run.</summary>
public sealed class ConnectionLostException : Exception
{
    public ConnectionLostException(string message) : base(message)
    {
    }

    public ConnectionLostException()
    {
    }

    public ConnectionLostException(string message, Exception inner) : base(message, inner)
    {
    }
}
