using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Runtime.Identity;

namespace Runtime.Storage.Journal;

/// <summary>
/// The per-silo journal writer with group commit (DESIGN.md "Storage"): grains hand in their batches; one loop takes
/// every batch that is waiting (up to the limits), commits them in one transaction, and answers each caller when that
/// transaction is durable. While a commit runs, the next group gathers, so under load each transaction carries many
/// grains' appends and acks, and the database's fsync cost is shared.
/// </summary>
public sealed partial class JournalWriter : IJournal, IAsyncDisposable
{
    private readonly IJournalStorage _storage;
    private readonly JournalWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingBatch> _queue;
    private readonly TaskCompletionSource _loop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _commits;
    private long _batches;

    public JournalWriter(IJournalStorage storage, JournalWriterOptions options, ILogger<JournalWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        // A limit of 0 would make the loop commit empty groups forever without taking any batch.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatchesPerCommit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBytesPerCommit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.QueueCapacity);
        _storage = storage;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingBatch>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Its own thread: a SQLite commit runs synchronously (its fsync included), and on a pool thread it would take
        // a worker from the grains and connections for as long as the fsync lasts.
        new Thread(Run) { IsBackground = true, Name = "journal-writer" }.Start();
    }

    /// <summary>Transactions committed so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Grain batches committed so far (the ratio to <see cref="Commits"/> is the group-commit factor).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public async Task<bool> CommitAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch.IsEmpty)
        {
            return true;
        }
        var pending = new PendingBatch(batch);
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Task.ConfigureAwait(false);
    }

    public ValueTask<Task<bool>> EnqueueAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch.IsEmpty)
        {
            return new ValueTask<Task<bool>>(Task.FromResult(true));
        }
        var pending = new PendingBatch(batch);
        return _queue.Writer.TryWrite(pending) ? new ValueTask<Task<bool>>(pending.Task) : WaitForRoomAsync(pending, cancellationToken);
    }

    private async ValueTask<Task<bool>> WaitForRoomAsync(PendingBatch pending, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return pending.Task;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        _storage.ReadAsync(stream, afterSequence, max, cancellationToken);

    public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default) =>
        _storage.GetSummaryAsync(stream, cancellationToken);

    private void Run()
    {
        try
        {
            RunLoop();
            _loop.TrySetResult();
        }
        catch (Exception ex)
        {
            _loop.TrySetException(ex);
        }
    }

    /// <summary>The loop, on the writer's thread: it blocks that thread while it waits for batches or for a commit
    /// (a SQLite commit completes synchronously; a PostgreSQL one does its I/O on the pool and wakes this thread).</summary>
    private void RunLoop()
    {
        var reader = _queue.Reader;
        var group = new List<PendingBatch>();
        var batches = new List<JournalBatch>();
        while (reader.TryPeek(out _) || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            batches.Clear();
            var bytes = 0;
            while (group.Count < _options.MaxBatchesPerCommit && bytes < _options.MaxBytesPerCommit && reader.TryRead(out var pending))
            {
                group.Add(pending);
                batches.Add(pending.Batch);
                bytes += pending.Batch.ByteCount;
            }
            try
            {
                var applied = _storage.CommitAsync(batches).GetAwaiter().GetResult();
                if (applied is null || applied.Length != group.Count)
                {
                    // Answer nobody from a result that does not match the group (rather than some callers true and
                    // the rest an IndexOutOfRangeException turned into a commit failure).
                    throw new InvalidOperationException(
                        $"The journal storage answered {applied?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} results for {group.Count} batches.");
                }
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _batches, group.Count);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].TrySetResult(applied[i]);
                }
            }
            catch (Exception ex)
            {
                LogCommitFailed(_logger, group.Count, ex);
                foreach (var pending in group)
                {
                    pending.TrySetException(new JournalCommitException($"The journal commit failed: {ex.Message}", ex));
                }
            }
        }
    }

    /// <summary>Stops taking batches and waits for those already taken to commit.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.Task.ConfigureAwait(false);
    }

    private sealed class PendingBatch : TaskCompletionSource<bool>
    {
        public PendingBatch(JournalBatch batch) : base(TaskCreationOptions.RunContinuationsAsynchronously) => Batch = batch;

        public JournalBatch Batch { get; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A journal group commit of {Batches} batches failed; their callers are told")]
    private static partial void LogCommitFailed(ILogger logger, int batches, Exception exception);
}
