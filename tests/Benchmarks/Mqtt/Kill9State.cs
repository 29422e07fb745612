using System.Globalization;

namespace Benchmarks.Mqtt;

/// <summary>
/// What kill9-publish hands to kill9-verify across the broker's death, as a small text file of <c>key=value</c> lines:
/// the phase, topic and subscriber id, how many messages were sent, and the acknowledged sequence numbers as ranges.
/// </summary>
public sealed class Kill9State
{
    public required int Phase { get; init; }

    public required string Topic { get; init; }

    public required string SubscriberId { get; init; }

    public required long Sent { get; init; }

    public required SequenceSet Acknowledged { get; init; }

    public void Save(string path)
    {
        var ranges = string.Join(',', Acknowledged.Ranges().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.First}-{r.Last}")));
        File.WriteAllLines(path,
        [
            string.Create(CultureInfo.InvariantCulture, $"phase={Phase}"),
            $"topic={Topic}",
            $"subscriber={SubscriberId}",
            string.Create(CultureInfo.InvariantCulture, $"sent={Sent}"),
            string.Create(CultureInfo.InvariantCulture, $"acknowledged_count={Acknowledged.Count}"),
            $"acknowledged={ranges}",
        ]);
    }

    public static Kill9State Load(string path)
    {
        var values = File.ReadAllLines(path)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var acknowledged = new SequenceSet();
        foreach (var range in values["acknowledged"].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = range.Split('-');
            var first = long.Parse(bounds[0], CultureInfo.InvariantCulture);
            var last = long.Parse(bounds[1], CultureInfo.InvariantCulture);
            for (var s = first; s <= last; s++)
            {
                acknowledged.Add(s);
            }
        }
        return new Kill9State
        {
            Phase = int.Parse(values["phase"], CultureInfo.InvariantCulture),
            Topic = values["topic"],
            SubscriberId = values["subscriber"],
            Sent = long.Parse(values["sent"], CultureInfo.InvariantCulture),
            Acknowledged = acknowledged,
        };
    }
}
