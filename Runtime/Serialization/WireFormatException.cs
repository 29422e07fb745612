namespace Runtime.Serialization;

/// <summary>Bytes that do not decode: a malformed frame or message. The connection carrying it is closed.</summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException(string message) : base(message)
    {
    }

    public WireFormatException(string message, Exception inner) : base(message, inner)
    {
    }

    public WireFormatException()
    {
    }
}
