using System.Globalization;

namespace Benchmarks.Queues;

/// <summary>
/// End-to-end bookkeeping by <c>MessageId</c>: which messages the queue confirmed (durable) and how often each was
/// delivered, to prove every confirmed message is delivered exactly once. Message ids are <c>{prefix}{n}</c> with
/// <c>n</c> handed out by <see cref="TryReserve"/>; two bytes a message, allocated up front (the pages are touched only
/// as messages are sent).
/// </summary>
public sealed class DeliveryLedger
{
    private readonly string _prefix;
    private readonly byte[] _confirmed;
    private readonly byte[] _deliveries;
    private long _issued;
    private long _unknownDeliveries;

    public DeliveryLedger(string prefix, long capacity)
    {
        _prefix = prefix;
        _confirmed = new byte[capacity];
        _deliveries = new byte[capacity];
    }

    public long Capacity => _confirmed.LongLength;

    /// <summary>Ids handed out so far.</summary>
    public long Issued => Math.Min(Interlocked.Read(ref _issued), Capacity);

    /// <summary>Reserves <paramref name="count"/> consecutive message numbers; false when the capacity (the run's
    /// message bound) is used up.</summary>
    public bool TryReserve(int count, out long first)
    {
        first = Interlocked.Add(ref _issued, count) - count;
        return first + count <= Capacity;
    }

    public string IdOf(long number) => _prefix + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The queue answered "durable" for these messages (each number is confirmed by one call only).</summary>
    public void Confirm(long first, int count) => _confirmed.AsSpan((int)first, count).Fill(1);

    /// <summary>Counts a delivery of <paramref name="messageId"/>; returns the deliveries of that id so far (1 = first).</summary>
    public int RecordDelivery(string messageId)
    {
        if (!messageId.StartsWith(_prefix, StringComparison.Ordinal)
            || !long.TryParse(messageId.AsSpan(_prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < 0 || number >= Capacity)
        {
            Interlocked.Increment(ref _unknownDeliveries);
            return 0;
        }
        ref var slot = ref _deliveries[number];
        while (true)
        {
            var seen = Volatile.Read(ref slot);
            var next = (byte)Math.Min(seen + 1, byte.MaxValue);
            if (Interlocked.CompareExchange(ref slot, next, seen) == seen)
            {
                return next;
            }
        }
    }

    /// <summary>Compares confirmations and deliveries over every id handed out.</summary>
    public LedgerCheck Check()
    {
        long confirmed = 0, delivered = 0, missing = 0, duplicates = 0, unconfirmedDelivered = 0;
        var issued = Issued;
        for (var i = 0L; i < issued; i++)
        {
            var times = _deliveries[i];
            if (_confirmed[i] != 0)
            {
                confirmed++;
                if (times == 0)
                {
                    missing++;
                }
            }
            else if (times > 0)
            {
                unconfirmedDelivered++;
            }
            if (times > 0)
            {
                delivered++;
                duplicates += times - 1;
            }
        }
        return new LedgerCheck(issued, confirmed, delivered, missing, duplicates, unconfirmedDelivered, Interlocked.Read(ref _unknownDeliveries));
    }
}
