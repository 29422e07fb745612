using Runtime.Identity;

namespace Runtime.Storage.Journal;

/// <summary>
/// The changes one grain commits to its journal at once, fenced by the grain's epoch: all of them or none. Applied in
/// this order: <see cref="Purge"/>, <see cref="Appends"/>, <see cref="DeliveredThrough"/>, <see cref="DeliveryCounts"/>,
/// <see cref="Removes"/>.
/// </summary>
public sealed class JournalBatch
{
    public JournalBatch(GrainId stream, long epoch)
    {
        Stream = stream;
        Epoch = epoch;
    }

    /// <summary>The grain whose journal this is (its epoch row in grain_state is the fence).</summary>
    public GrainId Stream { get; }

    public long Epoch { get; }

    /// <summary>Delete every record of the stream first.</summary>
    public bool Purge { get; set; }

    public List<JournalEntry> Appends { get; } = [];

    public List<(long Sequence, int DeliveryCount)> DeliveryCounts { get; } = [];

    public List<long> Removes { get; } = [];

    /// <summary>
    /// Raises the stream's delivered-through mark (<see cref="JournalSummary.DeliveredThrough"/>) to at least this
    /// sequence; 0 leaves it. The mark never goes down and survives <see cref="Purge"/>. Its meaning is the owner's: a
    /// queue marks that records up to it may have been handed out once, so that a first delivery needs no row write.
    /// </summary>
    public long DeliveredThrough { get; set; }

    public bool IsEmpty => !Purge && Appends.Count == 0 && DeliveryCounts.Count == 0 && Removes.Count == 0 && DeliveredThrough <= 0;

    public int ByteCount
    {
        get
        {
            var bytes = 0;
            foreach (var entry in Appends)
            {
                bytes += entry.Data.Length;
            }
            return bytes;
        }
    }
}
