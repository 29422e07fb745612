namespace Benchmarks.Queues;

/// <summary>Running totals shared by a row's publishers and consumers (read as snapshots at the window's edges).</summary>
public sealed class LoadCounters
{
    private long _publishCalls;
    private long _confirmed;
    private long _publishErrors;
    private long _delivered;
    private long _redelivered;
    private long _accepted;
    private long _settleCalls;
    private long _consumerErrors;
    private string? _firstError;

    public long PublishCalls => Interlocked.Read(ref _publishCalls);

    /// <summary>Messages the queues answered "durable" for.</summary>
    public long Confirmed => Interlocked.Read(ref _confirmed);

    public long PublishErrors => Interlocked.Read(ref _publishErrors);

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries with a delivery count above zero (none expected: no consumer is lost).</summary>
    public long Redelivered => Interlocked.Read(ref _redelivered);

    /// <summary>Deliveries settled as accepted (the settle call answered: the removal is durable).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    public long SettleCalls => Interlocked.Read(ref _settleCalls);

    public long ConsumerErrors => Interlocked.Read(ref _consumerErrors);

    public string? FirstError => Volatile.Read(ref _firstError);

    public void PublishCall(int confirmed)
    {
        Interlocked.Increment(ref _publishCalls);
        Interlocked.Add(ref _confirmed, confirmed);
    }

    public void PublishFailed(string error)
    {
        Interlocked.Increment(ref _publishErrors);
        Interlocked.CompareExchange(ref _firstError, "publish: " + error, null);
    }

    public void Delivery(bool redelivered)
    {
        Interlocked.Increment(ref _delivered);
        if (redelivered)
        {
            Interlocked.Increment(ref _redelivered);
        }
    }

    public void Settled(int accepted)
    {
        Interlocked.Increment(ref _settleCalls);
        Interlocked.Add(ref _accepted, accepted);
    }

    public void ConsumerFailed(string error)
    {
        Interlocked.Increment(ref _consumerErrors);
        Interlocked.CompareExchange(ref _firstError, "consumer: " + error, null);
    }
}
