namespace Runtime.Core;

/// <summary>A grain received a request type it does not handle.</summary>
public sealed class UnknownRequestException : Exception
{
    public UnknownRequestException(string grainKind, Type requestType)
        : base($"Grain kind '{grainKind}' does not handle {requestType.Name}.")
    {
    }

    public UnknownRequestException()
    {
    }

    public UnknownRequestException(string message) : base(message)
    {
    }

    public UnknownRequestException(string message, Exception inner) : base(message, inner)
    {
    }
}
