using System.Collections.Concurrent;
using Runtime.Identity;

namespace Runtime.Messaging;

/// <summary>
/// Keeps remote calls to one grain in the order they were made when the grain's owner changes under them. Without it,
/// the calls pending on a silo that dies each wait for a newer view and retry on their own, so they reach the grain's
/// new activation in any order, and a call made after the view changed can overtake them all (a publisher's messages
/// then reach subscribers out of order). The rules, per target grain:
/// <list type="bullet">
/// <item>a first send waits while an earlier call is waiting to be resent, or is still outstanding at another owner;</item>
/// <item>a resend waits until every earlier call has been answered or resent (retries go out one after another, in
/// the order the calls were made).</item>
/// </list>
/// When nothing fails, a send finds its target's state free and goes at once (no allocation beyond the tracking entry).
/// </summary>
internal sealed class CallOrdering
{
    private readonly ConcurrentDictionary<GrainId, TargetCalls> _targets = new();
    private long _sequence;

    /// <summary>Registers a call about to be sent to <paramref name="owner"/> for the first time; completes when it may go.</summary>
    public ValueTask<CallTicket> BeginAsync(GrainId target, SiloAddress owner, CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        while (true)
        {
            var calls = _targets.GetOrAdd(target, static _ => new TargetCalls());
            var ticket = new CallTicket(target, calls, sequence);
            if (calls.TryAdd(sequence, owner, out var wait))
            {
                return wait is null ? new ValueTask<CallTicket>(ticket) : WaitAsync(ticket, wait, cancellationToken);
            }
            _targets.TryRemove(new KeyValuePair<GrainId, TargetCalls>(target, calls)); // retired while we looked: take a fresh one
        }
    }

    /// <summary>True when calls to <paramref name="target"/> are being tracked (some are outstanding); read without locks.
    /// A local call needs a ticket only then: with nothing tracked there is nothing earlier for it to wait behind.</summary>
    public bool IsTracking(GrainId target) => _targets.ContainsKey(target);

    /// <summary>The call was answered (or failed for good): later calls no longer wait for it.</summary>
    public void Complete(CallTicket ticket)
    {
        if (ticket.Calls.Remove(ticket.Sequence))
        {
            _targets.TryRemove(new KeyValuePair<GrainId, TargetCalls>(ticket.Target, ticket.Calls));
        }
    }

    /// <summary>The call failed and will be resent: later calls wait for its resend.</summary>
    public void MarkForResend(CallTicket ticket) => ticket.Calls.MarkForResend(ticket.Sequence);

    /// <summary>Completes when the call may be resent to <paramref name="owner"/> (every earlier call answered or resent).</summary>
    public async ValueTask ResendAsync(CallTicket ticket, SiloAddress owner, CancellationToken cancellationToken)
    {
        while (!ticket.Calls.TryResend(ticket.Sequence, owner, out var wait))
        {
            await wait!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<CallTicket> WaitAsync(CallTicket ticket, Task wait, CancellationToken cancellationToken)
    {
        var current = wait;
        while (true)
        {
            try
            {
                await current.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                ticket.Calls.Remove(ticket.Sequence);
                throw;
            }
            if (ticket.Calls.MaySend(ticket.Sequence, out var next))
            {
                return ticket;
            }
            current = next!;
        }
    }
}

/// <summary>A call's place in its target's order.</summary>
internal readonly record struct CallTicket(GrainId Target, TargetCalls Calls, long Sequence);

/// <summary>The outstanding remote calls to one grain, in the order they were made.</summary>
internal sealed class TargetCalls
{
    // Usually one call at a time per grain: capacity 1, and the list itself is the lock (no Lock object per target).
    private readonly List<(long Sequence, SiloAddress Owner, bool Resend, bool Held)> _calls = new(1);
    private TaskCompletionSource? _changed;
    private bool _retired;

    /// <summary>Adds a first send. False when this state was retired (empty and dropped); <paramref name="wait"/> is null
    /// when the call may go now, else a task that completes at the next change.</summary>
    public bool TryAdd(long sequence, SiloAddress owner, out Task? wait)
    {
        lock (_calls)
        {
            wait = null;
            if (_retired)
            {
                return false;
            }
            var held = EarlierBlocks(_calls.Count, owner);
            _calls.Add((sequence, owner, false, held));
            if (held)
            {
                wait = Changed();
            }
            return true;
        }
    }

    /// <summary>For a held first send: true once nothing earlier waits for a resend or is outstanding at another owner.</summary>
    public bool MaySend(long sequence, out Task? wait)
    {
        lock (_calls)
        {
            var index = _calls.FindIndex(c => c.Sequence == sequence);
            var self = _calls[index];
            if (EarlierBlocks(index, self.Owner))
            {
                wait = Changed();
                return false;
            }
            _calls[index] = self with { Held = false };
            Signal();
            wait = null;
            return true;
        }
    }

    public void MarkForResend(long sequence)
    {
        lock (_calls)
        {
            var index = _calls.FindIndex(c => c.Sequence == sequence);
            if (index >= 0)
            {
                _calls[index] = _calls[index] with { Resend = true };
            }
        }
    }

    /// <summary>True when every earlier call is answered or resent: the call is then outstanding at <paramref name="owner"/>.</summary>
    public bool TryResend(long sequence, SiloAddress owner, out Task? wait)
    {
        lock (_calls)
        {
            var index = _calls.FindIndex(c => c.Sequence == sequence);
            if (EarlierBlocks(index, owner))
            {
                wait = Changed();
                return false;
            }
            _calls[index] = (sequence, owner, false, false);
            Signal();
            wait = null;
            return true;
        }
    }

    /// <summary>Removes a call; true when the state is now empty and retired (the caller drops it from the map).</summary>
    public bool Remove(long sequence)
    {
        lock (_calls)
        {
            var index = _calls.FindIndex(c => c.Sequence == sequence);
            if (index >= 0)
            {
                _calls.RemoveAt(index);
                Signal();
            }
            if (_calls.Count == 0)
            {
                _retired = true;
                return true;
            }
            return false;
        }
    }

    /// <summary>Whether one of the first <paramref name="count"/> calls keeps a call to <paramref name="owner"/> from going:
    /// it waits for its resend, is itself held, or is outstanding at another owner. Called under the lock.</summary>
    private bool EarlierBlocks(int count, SiloAddress owner)
    {
        for (var i = 0; i < count; i++)
        {
            var earlier = _calls[i];
            if (earlier.Resend || earlier.Held || earlier.Owner != owner)
            {
                return true;
            }
        }
        return false;
    }

    private Task Changed() => (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private void Signal()
    {
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }
}
