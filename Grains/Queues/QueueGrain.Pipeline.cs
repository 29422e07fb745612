using Microsoft.Extensions.Logging;
using Runtime.Core;
using Runtime.Serialization;
using Runtime.Storage.Journal;

namespace Grains.Queues;

/// <summary>
/// How a publishing or settling turn gets out of the way of the next one while its journal batch commits.
/// <para>
/// The turn plans as before, hands its batch to the silo's journal writer (<see cref="IJournal.EnqueueAsync"/>: queued
/// in order, not committed yet), applies the plan to memory at once, dispatches, and ends. Its callers are answered only
/// when the batch, and every batch this activation handed in before it, is committed
/// (<see cref="BatchReplies.CompleteAfter"/>): a publisher is still told "accepted" only once its message is durable
/// (DESIGN.md "Delivery guarantees"). The next turn starts meanwhile and its batch joins the same or the next group
/// commit, so a slow fsync delays acknowledgements, not the queue.
/// </para>
/// <para>What keeps the journal consistent and the guarantees kept:</para>
/// <list type="bullet">
/// <item>The journal writer commits batches in the order they were queued, and a group applies its batches in order
/// (appends before removals), so a removal planned after an append (a consumer accepting a message whose insert is not
/// durable yet) lands in the same commit as the append or a later one.</item>
/// <item>A message may go to a consumer before its append is durable only when the append's batch also carries what
/// makes that first delivery count after a crash (the predicted delivered-through mark, QueueGrain.DeliveryCounts.cs):
/// either both become durable or neither does, and without the record there is nothing to recover. Every other delivery
/// (older messages, redeliveries, a mark raised by a later batch) waits, holding the turn as before, until what a
/// recovery would read back counts it (<see cref="MayPushBeforeCommit"/>). Messages published with QoS 2 wait for
/// their commit too: their end-to-end exactly-once must not depend on the publisher's retry.</item>
/// <item>When a batch that was applied ahead of its commit fails (storage error, or fenced by a newer activation), the
/// memory is ahead of the journal: the activation refuses further work and deactivates, and the next one reloads what
/// is committed. The failed batch's callers (and those of every later batch) are told it failed, so no publisher was
/// told "accepted" for a message that is not durable. A consumer may have received such a message: at-least-once, and
/// the publisher, not told "accepted", sends it again.</item>
/// <item>Memory is planned on top of batches not yet committed (<see cref="_deliveredThrough"/> and
/// <see cref="QueueEntry.StoredCount"/> are what the journal will hold once they are). Should one fail and a later one
/// commit, the later one errs towards "possibly delivered" (a mark over a message not pushed), never the other way,
/// because no push depended on the failed batch.</item>
/// <item>Reading the journal (paging in, browsing) first waits for the batches handed in: a paged-out message must be
/// in the journal to be paged in.</item>
/// </list>
/// </summary>
public sealed partial class QueueGrain
{
    /// <summary>Completes (true) once every batch this activation handed to the journal so far is committed; false when
    /// one was fenced; faults when one failed.</summary>
    private Task<bool> _durable = Task.FromResult(true);

    /// <summary>Set (from the commit's completion) when a batch applied ahead of its commit failed.</summary>
    private volatile bool _commitFailed;

    /// <summary>The insert of a turn's messages, as their entries remember it until their first delivery.</summary>
    internal sealed class PendingInsert(Task<bool> commit, long deliveredThrough)
    {
        public Task<bool> Commit { get; } = commit;

        /// <summary>The delivered-through mark the insert's own batch raises.</summary>
        public long DeliveredThrough { get; } = deliveredThrough;
    }

    /// <summary>
    /// Queues <paramref name="batch"/> behind this activation's earlier batches and returns the task that completes when
    /// it and all of them are committed. <paramref name="appliedFirst"/>: the caller changes memory before the commit,
    /// so a failure deactivates the activation (see the class remarks).
    /// </summary>
    private async ValueTask<(Task<bool> Durable, Task<bool> Own)> SubmitAsync(JournalBatch batch, bool appliedFirst)
    {
        ThrowIfCommitFailed();
        if (batch.IsEmpty)
        {
            return (_durable, Task.FromResult(true));
        }
        var own = await Context.Journal.EnqueueAsync(batch).ConfigureAwait(false);
        _deliveredThrough = Math.Max(_deliveredThrough, batch.DeliveredThrough);
        if (appliedFirst)
        {
            _ = own.ContinueWith(static (commit, state) => ((QueueGrain)state!).OnAppliedCommitDone(commit), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        // A batch whose caller waits for it and changes memory only once it is durable (CommitAsync) does not hold up
        // the batches after it when it fails: its caller is told, and memory never depended on it.
        var counted = appliedFirst ? own : IgnoreFailureAsync(own);
        _durable = counted.IsCompletedSuccessfully && counted.Result && _durable.IsCompletedSuccessfully && _durable.Result
            ? counted
            : BothAsync(_durable, counted);
        return (_durable, own);
    }

    private static async Task<bool> IgnoreFailureAsync(Task<bool> commit)
    {
        try
        {
            await commit.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Its caller handles it.
        }
        return true;
    }

    private static async Task<bool> BothAsync(Task<bool> earlier, Task<bool> own)
    {
        var ownCommitted = await own.ConfigureAwait(false);
        return await earlier.ConfigureAwait(false) && ownCommitted;
    }

    /// <summary>Runs off the turn when a batch applied ahead of its commit completes: only a flag and the runtime's
    /// thread-safe deactivation request.</summary>
    private void OnAppliedCommitDone(Task<bool> commit)
    {
        if (commit.IsCompletedSuccessfully && commit.Result)
        {
            return;
        }
        _commitFailed = true;
        if (commit.IsCompletedSuccessfully)
        {
            Context.Deactivate(DeactivationReason.Fenced);
        }
        else
        {
            LogAppliedCommitFailed(_logger, Name, commit.Exception?.GetBaseException());
            Context.Deactivate(DeactivationReason.CommitFailed);
        }
    }

    /// <summary>Refuses work once a batch applied ahead of its commit failed: memory is ahead of the journal until the
    /// next activation reloads it.</summary>
    private void ThrowIfCommitFailed()
    {
        if (_commitFailed)
        {
            throw new JournalCommitException(
                $"Queue '{Name}' is reloading after a failed journal commit; the request was not applied, send it again.");
        }
    }

    /// <summary>Waits until every batch handed in so far is committed; throws when one was not.</summary>
    private async Task WaitDurableAsync()
    {
        var durable = _durable;
        if (durable.IsCompletedSuccessfully && durable.Result)
        {
            return;
        }
        if (!await durable.ConfigureAwait(false))
        {
            throw new GrainFencedException(GrainId, Epoch);
        }
    }

    /// <summary>Answers a turn's requests once its batch and every earlier one are committed (runs off the turn: it
    /// touches only <paramref name="replies"/>).</summary>
    private async Task CompleteWhenDurableAsync(Task<bool> durable, IWireMessage?[] planned, BatchReplies replies)
    {
        if (!await durable.ConfigureAwait(false))
        {
            throw new GrainFencedException(GrainId, Epoch);
        }
        for (var i = 0; i < planned.Length; i++)
        {
            if (planned[i] is { } reply)
            {
                replies.Complete(i, reply);
            }
        }
    }

    /// <summary>
    /// True when this delivery may be pushed before the batches handed in so far are committed: its first delivery,
    /// counted by the mark of the very batch that inserts it (so the record never exists without the count), and not a
    /// message that needs exactly-once end to end. Anything else may go only once what a recovery reads back counts it.
    /// </summary>
    private static bool MayPushBeforeCommit(QueueEntry entry, int attemptsBefore) =>
        attemptsBefore == 0
        && entry.Insert is { } insert
        && insert.DeliveredThrough >= entry.Sequence
        && !insert.Commit.IsFaulted
        && !(insert.Commit.IsCompletedSuccessfully && !insert.Commit.Result)
        && entry.Message.Qos < 2;

    /// <summary>Before the activation goes: let the batches handed in commit, so that their callers get their answer
    /// and the next activation finds them.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _durable.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Their callers are told by the failed commit itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: a journal commit failed after its turn was applied; the queue reloads from the journal")]
    private static partial void LogAppliedCommitFailed(ILogger logger, string queue, Exception? exception);
}
