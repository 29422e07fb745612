namespace Runtime.Core;

/// <summary>
/// A grain call failed on the far side: the grain threw, or the runtime refused the call. Carries the original
/// exception's type name and message (exceptions are not serialized whole across processes).
/// </summary>
public class GrainCallException : Exception
{
    public GrainCallException(string errorType, string message) : base(message) => ErrorType = errorType;

    public GrainCallException() : this(nameof(GrainCallException), "A grain call failed.")
    {
    }

    public GrainCallException(string message) : this(nameof(GrainCallException), message)
    {
    }

    public GrainCallException(string message, Exception inner) : base(message, inner) => ErrorType = inner.GetType().Name;

    /// <summary>The name of the exception type thrown on the far side.</summary>
    public string ErrorType { get; } = nameof(GrainCallException);
}
