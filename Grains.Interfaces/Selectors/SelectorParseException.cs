namespace Grains.Interfaces.Selectors;

/// <summary>
/// A selector that is not valid JMS selector syntax, or uses values in a way the language does not allow (for
/// example <c>'a' + 1</c>). <see cref="Position"/> is the 1-based character position of the offending token; the
/// message reads "Selector error at position N: ...". An AMQP gateway answers it with <c>amqp:invalid-field</c>.
/// </summary>
public sealed class SelectorParseException : FormatException
{
    public SelectorParseException(int position, string detail)
        : base($"Selector error at position {position}: {detail}")
    {
        Position = position;
        Detail = detail;
    }

    public SelectorParseException()
        : this(1, "invalid selector")
    {
    }

    public SelectorParseException(string message)
        : this(1, message)
    {
    }

    public SelectorParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Position = 1;
        Detail = message;
    }

    /// <summary>1-based position in the selector text.</summary>
    public int Position { get; }

    /// <summary>What is wrong, without the position prefix.</summary>
    public string Detail { get; }
}
