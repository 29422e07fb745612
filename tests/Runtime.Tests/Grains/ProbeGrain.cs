using System.Diagnostics;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Tests.Grains;

/// <summary>A stateless grain that detects overlapping turns and per-caller ordering.</summary>
public sealed class ProbeGrain : Grain
{
    public const string Kind = "probe";
    private static long _instances;
    private readonly long _instance = Interlocked.Increment(ref _instances);
    private readonly Dictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private int _inTurn;
    private long _order;
    private long _overlaps;

    private static long _deactivations;

    /// <summary>How many times any probe grain was deactivated with its hook (all instances).</summary>
    public static long Deactivations => Interlocked.Read(ref _deactivations);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deactivations);
        return Task.CompletedTask;
    }

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        if (Interlocked.Exchange(ref _inTurn, 1) != 0)
        {
            _overlaps++;
        }
        try
        {
            switch (request)
            {
                case ProbeCall call:
                    var inOrder = !_lastSequence.TryGetValue(call.Caller, out var last) || call.Sequence == last + 1;
                    _lastSequence[call.Caller] = call.Sequence;
                    if (call.WorkMicroseconds > 0)
                    {
                        await Task.Yield();
                        var spin = Stopwatch.StartNew();
                        while (spin.Elapsed.TotalMicroseconds < call.WorkMicroseconds)
                        {
                            Thread.SpinWait(10);
                        }
                    }
                    return new ProbeResult(++_order, _overlaps, inOrder, Context.Silo.ToString());
                case NotifyObserver notify:
                    Notify(new ObserverId(notify.ClientId, notify.ObserverKey), new StringValue(notify.Text));
                    return Ack.Instance;
                case FailPlease fail:
                    throw new InvalidOperationException(fail.Message);
                case WhoAreYou who:
                    if (who.DeactivateAfter)
                    {
                        DeactivateOnIdle();
                    }
                    return new Int64Value(_instance);
                default:
                    throw Unknown(request);
            }
        }
        finally
        {
            Volatile.Write(ref _inTurn, 0);
        }
    }
}
