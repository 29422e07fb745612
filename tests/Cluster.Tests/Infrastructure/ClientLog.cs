using System.Globalization;

namespace Cluster.Tests.Infrastructure;

/// <summary>The events file of one <c>cluster_client.py</c> run, parsed (times are Unix milliseconds).</summary>
public sealed class ClientLog
{
    public sealed record Connection(long Time, int Port, bool SessionPresent);

    public sealed record Receipt(long Time, string Id, bool Dup);

    public required string Name { get; init; }

    public required bool IsPublisher { get; init; }

    public List<Connection> Connects { get; } = [];

    /// <summary>Connection losses (D) and failed attempts (X): time, port, why.</summary>
    public List<(long Time, int Port, string Why)> Disconnects { get; } = [];

    public List<(long Time, int Port, string Why)> FailedAttempts { get; } = [];

    /// <summary>Publisher: id -> time of its first PUBLISH.</summary>
    public Dictionary<string, long> Sent { get; } = [];

    /// <summary>Publisher: id -> its sequence number.</summary>
    public Dictionary<string, long> Seq { get; } = [];

    /// <summary>Publisher: id -> time of its PUBACK.</summary>
    public Dictionary<string, long> Acked { get; } = [];

    /// <summary>Publisher: ids that were unacknowledged when a connection was lost (paho resends them, DUP set), or at the end.</summary>
    public HashSet<string> Retransmitted { get; } = [];

    /// <summary>Subscriber: every message, in the order received.</summary>
    public List<Receipt> Received { get; } = [];

    public List<(long Time, string Granted)> SubAcks { get; } = [];

    public string? End { get; private set; }

    public static ClientLog Read(string name, bool isPublisher, string path)
    {
        var log = new ClientLog { Name = name, IsPublisher = isPublisher };
        if (!File.Exists(path))
        {
            return log;
        }
        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }
        var complete = text.LastIndexOf('\n');
        if (complete < 0)
        {
            return log;
        }
        foreach (var line in text[..complete].Split('\n'))
        {
            var f = line.Split(' ');
            if (f.Length < 2 || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                continue;
            }
            switch (f[0])
            {
                case "C" when f.Length >= 4:
                    log.Connects.Add(new Connection(t, Int(f[2]), f[3] == "1"));
                    break;
                case "X" when f.Length >= 4:
                    log.FailedAttempts.Add((t, Int(f[2]), f[3]));
                    break;
                case "D" when f.Length >= 4:
                    log.Disconnects.Add((t, Int(f[2]), f[3]));
                    break;
                case "S" when f.Length >= 4:
                    log.Sent.TryAdd(f[2], t);
                    log.Seq[f[2]] = Int(f[3]);
                    break;
                case "F" when f.Length >= 3:
                    log.Retransmitted.Add(f[2]);
                    break;
                case "A" when f.Length >= 3:
                    log.Acked.TryAdd(f[2], t);
                    break;
                case "U":
                    log.SubAcks.Add((t, f.Length >= 3 ? f[2] : ""));
                    break;
                case "R" when f.Length >= 5:
                    log.Received.Add(new Receipt(t, f[2], f[3] == "1"));
                    break;
                case "E":
                    log.End = string.Join(' ', f.Skip(2));
                    break;
            }
        }
        return log;
    }

    private static int Int(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
}
