namespace Runtime.Storage.Journal;

/// <summary>Limits of one group commit.</summary>
public sealed class JournalWriterOptions
{
    /// <summary>At most this many grain batches per transaction.</summary>
    public int MaxBatchesPerCommit { get; set; } = 512;

    /// <summary>At most about this many payload bytes per transaction (a single larger batch still goes alone).</summary>
    public int MaxBytesPerCommit { get; set; } = 8 * 1024 * 1024;

    /// <summary>Batches waiting for a commit before grains wait to add more (backpressure).</summary>
    public int QueueCapacity { get; set; } = 16_384;
}
