namespace Runtime.Messaging;

/// <summary>No connection could be made to a silo (refused, timed out, or it is another generation now).</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException(string message) : base(message)
    {
    }

    public SiloUnavailableException()
    {
    }

    public SiloUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
