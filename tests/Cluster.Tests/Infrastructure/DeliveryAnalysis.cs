using System.Globalization;
using System.Text;

namespace Cluster.Tests.Infrastructure;

/// <summary>A disruption of the cluster: from <see cref="Start"/> until <see cref="End"/> (when service had resumed
/// everywhere); a delivery in flight across it may be redelivered.</summary>
public sealed record Disruption(string Name, long Start, long End);

/// <summary>
/// What the publishers' and subscribers' event files say about delivery: confirmed-but-lost messages, duplicates and
/// why they happened, order per publisher, and how long service took to resume after an event.
/// </summary>
public sealed class DeliveryAnalysis
{
    private readonly IReadOnlyList<ClientLog> _publishers;
    private readonly IReadOnlyList<ClientLog> _subscribers;
    private readonly Dictionary<string, ClientLog> _publisherOf = [];

    public DeliveryAnalysis(IReadOnlyList<ClientLog> publishers, IReadOnlyList<ClientLog> subscribers)
    {
        _publishers = publishers;
        _subscribers = subscribers;
        foreach (var p in publishers)
        {
            _publisherOf[p.Name] = p;
        }
    }

    /// <summary>The publisher of an id "name:seq", or null (a probe, a stranger).</summary>
    private ClientLog? PublisherOf(string id)
    {
        var colon = id.LastIndexOf(':');
        return colon > 0 && _publisherOf.TryGetValue(id[..colon], out var p) ? p : null;
    }

    private IEnumerable<ClientLog.Receipt> Ours(ClientLog subscriber) => subscriber.Received.Where(r => PublisherOf(r.Id) is not null);

    /// <summary>Acknowledged ids a subscriber never received: "subscriber: id".</summary>
    public List<string> ConfirmedButLost()
    {
        var lost = new List<string>();
        foreach (var s in _subscribers)
        {
            var got = Ours(s).Select(r => r.Id).ToHashSet();
            foreach (var p in _publishers)
            {
                foreach (var id in p.Acked.Keys.Where(id => !got.Contains(id)).OrderBy(id => p.Seq.GetValueOrDefault(id)))
                {
                    lost.Add($"{s.Name}: {id} (sent {Clock(p.Sent.GetValueOrDefault(id))}, PUBACK {Clock(p.Acked[id])})");
                }
            }
        }
        return lost;
    }

    /// <summary>Messages a subscriber received that no publisher sent (a corrupted or foreign payload).</summary>
    public List<string> Phantoms()
    {
        var list = new List<string>();
        foreach (var s in _subscribers)
        {
            foreach (var r in Ours(s))
            {
                var p = PublisherOf(r.Id)!;
                if (!p.Sent.ContainsKey(r.Id))
                {
                    list.Add($"{s.Name}: {r.Id}");
                }
            }
        }
        return list;
    }

    public sealed record DuplicateReport(int Total, int PublisherResent, int RedeliveredAcrossDisruption, int WithDupFlag, List<string> Unexplained,
        Dictionary<string, int> ByCause);

    /// <summary>
    /// Extra copies (receipts after the first) of each message at each subscriber. A copy is explained when its message
    /// was in flight at a failure: the publisher had it unacknowledged when its connection was lost (and resent it), or
    /// a disruption of the cluster or the subscriber's own connection loss lies between the first receipt and the copy
    /// (the subscriber's PUBACK, or the settle it causes, may not have been made durable).
    /// </summary>
    public DuplicateReport Duplicates(IReadOnlyList<Disruption> disruptions)
    {
        int total = 0, resent = 0, disrupted = 0, dupFlag = 0;
        var unexplained = new List<string>();
        var byCause = new Dictionary<string, int>();
        void Count(string cause) => byCause[cause] = byCause.GetValueOrDefault(cause) + 1;
        foreach (var s in _subscribers)
        {
            var first = new Dictionary<string, long>();
            foreach (var r in Ours(s))
            {
                if (!first.TryGetValue(r.Id, out var t1))
                {
                    first[r.Id] = r.Time;
                    continue;
                }
                total++;
                if (r.Dup)
                {
                    dupFlag++;
                }
                var p = PublisherOf(r.Id)!;
                var disruption = disruptions.FirstOrDefault(d => d.Start <= r.Time && d.End >= t1);
                if (p.Retransmitted.Contains(r.Id))
                {
                    resent++;
                    Count($"resent by {p.Name}" + (disruption is null ? "" : $" ({disruption.Name})"));
                }
                else if (disruption is not null)
                {
                    disrupted++;
                    Count($"redelivered across {disruption.Name}");
                }
                else if (s.Disconnects.Any(d => d.Time >= t1 && d.Time <= r.Time))
                {
                    disrupted++;
                    Count($"redelivered after {s.Name} lost its connection");
                }
                else
                {
                    unexplained.Add($"{s.Name}: {r.Id} first {Clock(t1)}, again {Clock(r.Time)} (dup flag {r.Dup})");
                }
            }
        }
        return new DuplicateReport(total, resent, disrupted, dupFlag, unexplained, byCause);
    }

    /// <summary>A message whose first receipt came after a later message of the same publisher.</summary>
    public sealed record OrderViolation(string Subscriber, string Id, long Sent, long Received, bool FirstReceiptHadDup, string After)
    {
        public override string ToString() =>
            $"{Subscriber}: {Id} (sent {Clock(Sent)}) received {Clock(Received)}{(FirstReceiptHadDup ? " with DUP set" : "")} after {After}";
    }

    /// <summary>
    /// Order per subscriber of each publisher's messages: the first receipts of the messages the publisher sent once
    /// (not resent after a lost connection) must come in the order they were published. Redeliveries (second and later
    /// receipts) are left out. With <paramref name="includeResent"/> the resent ones count too (informational: a resent
    /// message may legitimately land after a later one).
    /// </summary>
    public List<OrderViolation> OrderViolations(bool includeResent = false)
    {
        var violations = new List<OrderViolation>();
        foreach (var s in _subscribers)
        {
            var seen = new HashSet<string>();
            var last = new Dictionary<string, (long Seq, string Id)>();
            foreach (var r in Ours(s))
            {
                if (!seen.Add(r.Id))
                {
                    continue;
                }
                var p = PublisherOf(r.Id)!;
                if (!includeResent && p.Retransmitted.Contains(r.Id))
                {
                    continue;
                }
                var seq = p.Seq.GetValueOrDefault(r.Id, -1);
                if (last.TryGetValue(p.Name, out var previous) && seq <= previous.Seq)
                {
                    violations.Add(new OrderViolation(s.Name, r.Id, p.Sent.GetValueOrDefault(r.Id), r.Time, r.Dup, previous.Id));
                }
                if (!last.TryGetValue(p.Name, out previous) || seq > previous.Seq)
                {
                    last[p.Name] = (seq, r.Id);
                }
            }
        }
        return violations;
    }

    /// <summary>The slowest first delivery (first receipt minus first send) of the messages sent in [from, to], over
    /// all subscribers, in seconds, with the message; and how many of those messages were first received with DUP set
    /// (the broker had handed them to a connection that never acknowledged them).</summary>
    public (double Seconds, string Id, int FirstReceivedWithDup) SlowestDelivery(long from, long to)
    {
        var worst = (Seconds: 0.0, Id: "-");
        var withDup = 0;
        foreach (var s in _subscribers)
        {
            var seen = new HashSet<string>();
            foreach (var r in Ours(s))
            {
                if (!seen.Add(r.Id))
                {
                    continue;
                }
                var sent = PublisherOf(r.Id)!.Sent.GetValueOrDefault(r.Id, long.MinValue);
                if (sent < from || sent > to)
                {
                    continue;
                }
                if (r.Dup)
                {
                    withDup++;
                }
                var seconds = (r.Time - sent) / 1000.0;
                if (seconds > worst.Seconds)
                {
                    worst = (seconds, $"{s.Name}: {r.Id}");
                }
            }
        }
        return (worst.Seconds, worst.Id, withDup);
    }

    public sealed record Resumption(double? PublishSeconds, double? DeliverySeconds, double? LongestAckGapSeconds, string Detail);

    /// <summary>
    /// Time from <paramref name="eventTime"/> until service resumed: for each publisher the first PUBACK of a message
    /// first sent at or after the event, for each subscriber the first receipt of such a message; the slowest client
    /// counts. Also the longest silence between PUBACKs of one publisher within [event, <paramref name="windowEnd"/>].
    /// </summary>
    public Resumption ResumedAfter(long eventTime, long windowEnd)
    {
        double? publish = 0;
        double? longestGap = 0;
        var detail = new StringBuilder();
        foreach (var p in _publishers)
        {
            var firstAck = p.Acked.Where(a => p.Sent.GetValueOrDefault(a.Key, long.MinValue) >= eventTime).Select(a => (long?)a.Value).Min();
            var seconds = firstAck is { } ackTime ? (ackTime - eventTime) / 1000.0 : (double?)null;
            publish = publish is null || seconds is null ? null : Math.Max(publish.Value, seconds.Value);
            var acks = p.Acked.Values.Where(a => a >= eventTime && a <= windowEnd).Order().ToList();
            var gap = 0L;
            var previous = eventTime;
            foreach (var ack in acks)
            {
                gap = Math.Max(gap, ack - previous);
                previous = ack;
            }
            longestGap = Math.Max(longestGap ?? 0, gap / 1000.0);
            detail.Append(CultureInfo.InvariantCulture, $"{p.Name} puback {Seconds(seconds)}; ");
        }
        double? delivery = 0;
        foreach (var s in _subscribers)
        {
            var firstReceipt = Ours(s).Where(r => PublisherOf(r.Id)!.Sent.GetValueOrDefault(r.Id, long.MinValue) >= eventTime)
                .Select(r => (long?)r.Time).Min();
            var seconds = firstReceipt is { } receiptTime ? (receiptTime - eventTime) / 1000.0 : (double?)null;
            delivery = delivery is null || seconds is null ? null : Math.Max(delivery.Value, seconds.Value);
            detail.Append(CultureInfo.InvariantCulture, $"{s.Name} delivery {Seconds(seconds)}; ");
        }
        return new Resumption(publish, delivery, longestGap, detail.ToString().TrimEnd(' ', ';'));
    }

    /// <summary>True once every publisher has a PUBACK and every subscriber a receipt of a message first sent at or after <paramref name="eventTime"/>.</summary>
    public bool HasResumed(long eventTime)
    {
        var r = ResumedAfter(eventTime, long.MaxValue);
        return r.PublishSeconds is not null && r.DeliverySeconds is not null;
    }

    /// <summary>Counts for the report: per publisher sent/acked/resent, per subscriber received/distinct.</summary>
    public string Totals()
    {
        var text = new StringBuilder();
        foreach (var p in _publishers)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{p.Name}: sent {p.Sent.Count}, PUBACKed {p.Acked.Count}, resent after a lost connection {p.Retransmitted.Count}, connections {p.Connects.Count}; ");
        }
        foreach (var s in _subscribers)
        {
            var ours = Ours(s).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"{s.Name}: received {ours.Count} ({ours.Select(r => r.Id).Distinct().Count()} distinct), connections {s.Connects.Count}; ");
        }
        return text.ToString().TrimEnd(' ', ';');
    }

    public static string Clock(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Seconds(double? seconds) =>
        seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "not resumed";
}
