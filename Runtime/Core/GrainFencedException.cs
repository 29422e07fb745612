using Runtime.Identity;

namespace Runtime.Core;

/// <summary>
/// A write by this activation was rejected because a newer activation of the same grain took ownership
/// (its epoch is higher). This activation deactivates; the caller may retry, reaching the current owner.
/// </summary>
public sealed class GrainFencedException : Exception
{
    public GrainFencedException(GrainId grainId, long epoch)
        : base($"Grain {grainId} with epoch {epoch} was fenced: a newer activation owns it. This activation deactivates.")
    {
        GrainId = grainId;
        Epoch = epoch;
    }

    public GrainFencedException() : base("A grain activation was fenced.")
    {
    }

    public GrainFencedException(string message) : base(message)
    {
    }

    public GrainFencedException(string message, Exception inner) : base(message, inner)
    {
    }

    public GrainId GrainId { get; }

    public long Epoch { get; }
}
