using Grains.Interfaces.Queues;
using Runtime.Storage.Journal;

namespace Grains.Queues;

public sealed partial class QueueGrain
{
    private async Task<QueueStats> DeclareAsync(QueueSettings settings)
    {
        settings.Validate();
        State.Exists = true;
        State.Settings = settings;
        await WriteStateAsync().ConfigureAwait(false);
        return Stats();
    }

    private async Task<BrowseResult> BrowseAsync(BrowseQueue browse)
    {
        var max = Math.Clamp(browse.Max, 0, 10_000);
        var page = new List<QueuedMessage>(Math.Min(max, _entries.Count));
        foreach (var entry in _entries.Values.Where(e => e.Sequence > browse.AfterTag).OrderBy(e => e.Sequence).Take(max))
        {
            page.Add(new QueuedMessage(entry.Sequence, entry.Attempts, entry.Message));
        }
        if (page.Count < max && _unloadedCount > 0)
        {
            await WaitDurableAsync().ConfigureAwait(false); // paged-out messages are read from the journal
            var from = Math.Max(browse.AfterTag, _loadedThrough);
            foreach (var record in await Context.Journal.ReadAsync(GrainId, from, max - page.Count).ConfigureAwait(false))
            {
                page.Add(new QueuedMessage(record.Sequence, AttemptsOf(record), Deserialize(record.Data)));
            }
        }
        return new BrowseResult(page);
    }

    /// <summary>Deletes every message that is not in flight (in-flight ones are re-written after the purge).</summary>
    private async Task<long> PurgeAsync()
    {
        var inFlight = _entries.Values.Where(e => e.Holder is not null).ToList();
        var purged = Depth - inFlight.Count;
        var batch = new JournalBatch(GrainId, Epoch) { Purge = true };
        foreach (var entry in inFlight)
        {
            batch.Appends.Add(new JournalEntry(entry.Sequence, entry.Attempts, Serialize(entry.Message)));
        }
        await CommitAsync(batch).ConfigureAwait(false);
        foreach (var entry in inFlight)
        {
            entry.StoredCount = entry.Attempts;
        }
        foreach (var entry in _entries.Values.Where(e => e.Holder is null).ToList())
        {
            RemoveFromWindow(entry);
        }
        _unloadedCount = 0;
        _unloadedBytes = 0;
        _recoveredBytes = 0;
        _loadedThrough = _nextSequence - 1;
        return purged;
    }

    private QueueStats Stats()
    {
        long inFlight = 0;
        long oldest = long.MaxValue;
        foreach (var entry in _entries.Values)
        {
            if (entry.Holder is not null)
            {
                inFlight++;
            }
            oldest = Math.Min(oldest, entry.Message.CreatedAt);
        }
        var oldestAge = oldest == long.MaxValue ? 0 : Math.Max(0, Now - oldest);
        return new QueueStats(State.Exists, Depth, inFlight, _scheduled.Count, Bytes, _consumers.Count, oldestAge,
            _counters.Enqueued, _counters.Delivered, _counters.Acknowledged, _counters.DeadLettered, _counters.Expired, Settings);
    }
}
