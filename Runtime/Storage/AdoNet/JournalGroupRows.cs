using System.Data.Common;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// The rows of one operation over a whole group commit, as parallel arrays for a whole-group statement: each row's
/// stream, the epoch of its batch (the statement writes only rows whose epoch is still the grain's), its sequence and,
/// for appends and delivery counts, its count.
/// </summary>
internal sealed class JournalGroupRows
{
    private readonly List<string> _streams = [];
    private readonly List<long> _epochs = [];
    private readonly List<long> _sequences = [];

    public int Count => _sequences.Count;

    /// <summary>The rows' counts (0 for operations without one).</summary>
    public List<int> Counts { get; } = [];

    public void Add(string stream, long epoch, long sequence, int count = 0)
    {
        _streams.Add(stream);
        _epochs.Add(epoch);
        _sequences.Add(sequence);
        Counts.Add(count);
    }

    /// <summary>Binds @stream_ids, @epochs and @seqs.</summary>
    public DbBatchCommand Bind(DbBatchCommand command) =>
        command.With("@stream_ids", _streams.ToArray()).With("@epochs", _epochs.ToArray()).With("@seqs", _sequences.ToArray());
}
