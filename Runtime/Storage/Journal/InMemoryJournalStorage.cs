using Runtime.Identity;

namespace Runtime.Storage.Journal;

/// <summary>
/// <see cref="IJournalStorage"/> in memory, fenced by the epochs of an <see cref="InMemoryGrainStorage"/> (the pair
/// plays the database of an in-process test cluster). Same contract as the SQL journal.
/// </summary>
public sealed class InMemoryJournalStorage : IJournalStorage
{
    private readonly InMemoryGrainStorage _fence;
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, SortedDictionary<long, (int DeliveryCount, byte[] Data)>> _streams = [];
    private readonly Dictionary<GrainId, long> _maxSequence = [];
    private readonly Dictionary<GrainId, long> _deliveredThrough = [];

    public InMemoryJournalStorage(InMemoryGrainStorage fence) => _fence = fence;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        var applied = new bool[batches.Count];
        lock (_lock)
        {
            // Like the SQL transaction: a failing batch (an append of a sequence the stream already has, which the
            // database refuses) fails the whole call and nothing of it stays applied, so every change is undoable.
            var undo = new List<Action>();
            try
            {
                for (var i = 0; i < batches.Count; i++)
                {
                    var batch = batches[i];
                    if (_fence.CurrentEpoch(batch.Stream) != batch.Epoch)
                    {
                        continue;
                    }
                    Apply(batch, undo);
                    applied[i] = true;
                }
            }
            catch
            {
                for (var u = undo.Count - 1; u >= 0; u--)
                {
                    undo[u]();
                }
                throw;
            }
        }
        return Task.FromResult(applied);
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var result = new List<JournalEntry>();
        lock (_lock)
        {
            if (_streams.TryGetValue(stream, out var records))
            {
                foreach (var (sequence, record) in records)
                {
                    if (result.Count == max)
                    {
                        break;
                    }
                    if (sequence > afterSequence)
                    {
                        // A copy, as a database read would be: no reader can change what is stored.
                        result.Add(new JournalEntry(sequence, record.DeliveryCount, record.Data.ToArray()));
                    }
                }
            }
        }
        return Task.FromResult<IReadOnlyList<JournalEntry>>(result);
    }

    public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            long count = 0, bytes = 0;
            if (_streams.TryGetValue(stream, out var records))
            {
                count = records.Count;
                foreach (var record in records.Values)
                {
                    bytes += record.Data.Length;
                }
            }
            return Task.FromResult(new JournalSummary(count, bytes, _maxSequence.GetValueOrDefault(stream), _deliveredThrough.GetValueOrDefault(stream)));
        }
    }

    /// <summary>Applies one unfenced batch (caller holds the lock), recording how to take each change back.</summary>
    private void Apply(JournalBatch batch, List<Action> undo)
    {
        var stream = batch.Stream;
        if (!_streams.TryGetValue(stream, out var records) || batch.Purge)
        {
            var previous = records;
            _streams[stream] = records = [];
            undo.Add(previous is null ? () => _streams.Remove(stream) : () => _streams[stream] = previous);
        }
        foreach (var entry in batch.Appends)
        {
            var sequence = entry.Sequence;
            if (!records.TryAdd(sequence, (entry.DeliveryCount, entry.Data.ToArray())))
            {
                throw new InvalidOperationException($"The journal of {stream} already has a record {sequence}.");
            }
            var target = records;
            undo.Add(() => target.Remove(sequence));
            var hadHigh = _maxSequence.TryGetValue(stream, out var high);
            if (!hadHigh || sequence > high)
            {
                _maxSequence[stream] = sequence;
                undo.Add(hadHigh ? () => _maxSequence[stream] = high : () => _maxSequence.Remove(stream));
            }
        }
        var hadMark = _deliveredThrough.TryGetValue(stream, out var mark);
        if (batch.DeliveredThrough > mark)
        {
            _deliveredThrough[stream] = batch.DeliveredThrough;
            undo.Add(hadMark ? () => _deliveredThrough[stream] = mark : () => _deliveredThrough.Remove(stream));
        }
        foreach (var (sequence, count) in batch.DeliveryCounts)
        {
            if (records.TryGetValue(sequence, out var record))
            {
                records[sequence] = (count, record.Data);
                var target = records;
                undo.Add(() => target[sequence] = record);
            }
        }
        foreach (var sequence in batch.Removes)
        {
            if (records.Remove(sequence, out var record))
            {
                var target = records;
                undo.Add(() => target[sequence] = record);
            }
        }
    }
}
