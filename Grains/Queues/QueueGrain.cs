using System.Buffers;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Microsoft.Extensions.Logging;
using Runtime.Core;
using Runtime.Serialization;
using Runtime.Storage.Journal;

namespace Grains.Queues;

/// <summary>
/// A durable FIFO queue with competing consumers (DESIGN.md "The model"). Messages are appended to the grain's journal
/// (group-committed by the silo, fenced by this activation's epoch) before any publisher is answered; a consumer's
/// message leaves the journal only when settled as accepted. Consecutive publishes and settles share one turn and one
/// commit. The queue keeps a window of at most <see cref="QueueGrainOptions.MaxWindowMessages"/> messages in memory and
/// pages the rest in from the journal as it drains, so a large backlog does not grow the silo's memory.
/// <para>Priority applies within the in-memory window: a high-priority message still in the paged-out part of a backlog
/// waits until the window reaches it.</para>
/// </summary>
public sealed partial class QueueGrain : PersistentGrain<QueueState>
{
    private readonly QueueGrainOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<long, QueueEntry> _entries = [];
    private readonly ReadyMessages _ready = new();
    private readonly HashSet<long> _parked = []; // ready, but no attached consumer's selector matches (QueueGrain.Selectors.cs)
    private readonly SortedSet<(long DeliverAt, long Sequence)> _scheduled = [];
    private readonly SortedSet<(long ExpiresAt, long Sequence)> _expiring = [];
    private readonly Dictionary<string, QueueConsumer> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueConsumer> _groupOwners = new(StringComparer.Ordinal);
    private readonly RecentIds _recentIds;
    private long _nextSequence = 1;
    private long _loadedThrough;
    private long _unloadedCount;
    private long _unloadedBytes; // payload bytes of messages paged out by this activation
    private long _recoveredBytes; // journal record bytes of messages this activation found in the journal and has not paged in yet
    private long _recoveredThrough; // the highest sequence in the journal when this activation started
    private long _deliveredThrough; // the committed delivered-through mark (QueueGrain.DeliveryCounts.cs)
    private long _windowBytes;
    private long _attachCounter;
    private int _roundRobin;
    private QueueStatsCounters _counters;

    public QueueGrain(QueueGrainOptions options, ILogger<QueueGrain> logger)
    {
        _options = options;
        _logger = logger;
        _recentIds = new RecentIds(options.RecentIdCapacity);
    }

    private string Name => GrainId.Key;

    private QueueSettings Settings => State.Settings;

    protected override int MaxBatchSize => _options.MaxBatchSize;

    protected override QueueState CreateInitialState() => new();

    /// <summary>Messages stored (window + paged out).</summary>
    private long Depth => _entries.Count + _unloadedCount;

    private long Bytes => _windowBytes + _unloadedBytes + _recoveredBytes;

    protected override async Task OnStateLoadedAsync(CancellationToken cancellationToken)
    {
        var summary = await Context.Journal.GetSummaryAsync(GrainId, cancellationToken).ConfigureAwait(false);
        _nextSequence = summary.MaxSequence + 1;
        _unloadedCount = summary.Count;
        _recoveredBytes = summary.Bytes; // the journal counts record bytes; payload bytes are known once paged in
        _recoveredThrough = summary.MaxSequence;
        _deliveredThrough = summary.DeliveredThrough;
        await PageInAsync(cancellationToken).ConfigureAwait(false);
        RegisterTimer(SweepAsync, _options.SweepPeriod, _options.SweepPeriod);
    }

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        ThrowIfCommitFailed();
        switch (request)
        {
            case EnqueueMessages or SettleDeliveries:
                // Not batched (a one-way message, or batching off): the turn waits for the commit itself.
                var replies = new BatchReplies(1);
                await HandleBatchAsync([request], replies).ConfigureAwait(false);
                if (replies.Pending is { } pending)
                {
                    await pending.ConfigureAwait(false);
                }
                return replies.ErrorAt(0) is { } error ? throw error : replies.ReplyAt(0)!;
            case AttachConsumer attach:
                return await AttachAsync(attach).ConfigureAwait(false);
            case AddCredit credit:
                return await AddCreditAsync(credit).ConfigureAwait(false);
            case DetachConsumer detach:
                await DetachAsync(detach.ConsumerId).ConfigureAwait(false);
                return Ack.Instance;
            case RenewConsumers renew:
                return Renew(renew);
            case DeclareQueue declare:
                return await DeclareAsync(declare.Settings).ConfigureAwait(false);
            case BrowseQueue browse:
                return await BrowseAsync(browse).ConfigureAwait(false);
            case PurgeQueue:
                return new Int64Value(await PurgeAsync().ConfigureAwait(false));
            case GetQueueStats:
                return Stats();
            default:
                throw Unknown(request);
        }
    }

    /// <summary>
    /// One turn for consecutive publishes and settles: validate all against the current state, hand one journal batch
    /// to the journal writer, apply the turn to memory and dispatch without waiting for the commit, and answer the
    /// requests once the batch (and every earlier one) is durable (QueueGrain.Pipeline.cs). When the commit fails
    /// (fenced, storage down) every request of the turn fails, nobody is told "durable", and the activation reloads.
    /// </summary>
    protected override async ValueTask HandleBatchAsync(IReadOnlyList<IWireMessage> requests, BatchReplies replies)
    {
        ThrowIfCommitFailed();
        var batch = new JournalBatch(GrainId, Epoch);
        var plan = new TurnPlan();
        var planned = new IWireMessage?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            switch (requests[i])
            {
                case EnqueueMessages enqueue:
                    planned[i] = await PlanEnqueueAsync(enqueue, batch, plan).ConfigureAwait(false);
                    break;
                case SettleDeliveries settle:
                    PlanSettle(settle, batch, plan);
                    if (settle.Credit > 0)
                    {
                        plan.Credits.Add((settle.ConsumerId, settle.Credit));
                    }
                    planned[i] = Ack.Instance;
                    break;
                default:
                    replies.Fail(i, Unknown(requests[i]));
                    break;
            }
        }
        await PlanDeadLettersAsync(plan, batch).ConfigureAwait(false);
        PlanPredictedDeliveries(plan, batch);
        var (durable, own) = await SubmitAsync(batch, appliedFirst: true).ConfigureAwait(false);
        Apply(plan);
        if (plan.NewEntries.Count > 0)
        {
            var insert = new PendingInsert(own, batch.DeliveredThrough);
            foreach (var entry in plan.NewEntries)
            {
                entry.Insert = insert;
            }
        }
        replies.CompleteAfter(CompleteWhenDurableAsync(durable, planned, replies));
        try
        {
            await DispatchAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The turn's own outcome is its batch's commit; a dispatch that failed has put back what it took (or the
            // activation is leaving), and the next turn dispatches again.
            LogDispatchFailed(_logger, Name, ex);
        }
        if (_ready.Count > 0 || _unloadedCount > 0)
        {
            // Messages wait for credit: their latency is the backlog's, not the commit's. Hold the turn until this batch
            // is durable, as a turn always did, so the next publishes gather into one larger turn behind it instead of
            // queueing many small commits ahead of the settles that would hand out the backlog.
            try
            {
                await durable.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Its callers are told through the replies.
            }
        }
    }

    /// <summary>Commits a journal batch and waits until it and every batch before it are durable, before memory changes;
    /// a rejected batch means a newer activation owns the queue: this one leaves.</summary>
    private async Task CommitAsync(JournalBatch batch)
    {
        if (batch.IsEmpty)
        {
            return;
        }
        var deliveredThrough = _deliveredThrough;
        var (durable, own) = await SubmitAsync(batch, appliedFirst: false).ConfigureAwait(false);
        try
        {
            if (!await own.ConfigureAwait(false))
            {
                Context.Deactivate(DeactivationReason.Fenced);
                throw new GrainFencedException(GrainId, Epoch);
            }
        }
        catch
        {
            // Not durable: the caller leaves memory as it was, and the mark as planned before this batch.
            _deliveredThrough = deliveredThrough;
            throw;
        }
        await WaitDurableAsync().ConfigureAwait(false);
    }

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private long EffectiveExpiry(BrokerMessage message)
    {
        var expiry = message.ExpiresAt ?? long.MaxValue;
        if (Settings.MessageTtlMilliseconds is { } ttl)
        {
            expiry = Math.Min(expiry, message.CreatedAt + ttl);
        }
        return expiry;
    }

    private static byte[] Serialize(BrokerMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Payload.Length + 128);
        var writer = new WireWriter(buffer);
        message.Write(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue}: a dispatch after a publishing or settling turn failed")]
    private static partial void LogDispatchFailed(ILogger logger, string queue, Exception exception);

    private static BrokerMessage Deserialize(ReadOnlyMemory<byte> data)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(data));
        return BrokerMessage.Read(ref reader);
    }
}
