using System.Globalization;
using System.Net;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>The options of the <c>mqtt</c> load program.</summary>
public sealed class MqttBenchmarkOptions
{
    public const string DefaultWorkloads = "idle,fanin-qos0,fanin-qos1,fanout-qos0,offline,latency";

    public const string Usage =
        "[--host 127.0.0.1] [--port 1883] [--broker-pid PID] [--label NAME] [--results FILE.tsv]\n" +
        "           [--workloads " + DefaultWorkloads + " | pairs-qos1 | kill9-publish | kill9-verify]\n" +
        "           [--seconds 10] [--warmup 2] [--max-messages 5000000] [--payload 256] [--inflight 100] [--lead 1000]\n" +
        "           [--publishers 4] [--subscribers 50] [--rate 4000] [--offline-rate 5000] [--idle-connections 10000]\n" +
        "           [--kill9-messages 20000] [--state-file FILE] [--drain-seconds 30] [--protocol 3.1.1|5]\n" +
        "           [--receive-maximum N (5.0: what subscribers announce; default --inflight)]";

    public IPEndPoint Broker { get; private set; } = new(IPAddress.Loopback, 1883);

    /// <summary>The broker's process id, for RSS and CPU from /proc; required by kill9-publish (it sends SIGKILL).</summary>
    public int? BrokerPid { get; private set; }

    /// <summary>Names the broker in the results file (e.g. <c>ours</c>, <c>mosquitto</c>).</summary>
    public string Label { get; private set; } = "broker";

    public string? ResultsFile { get; private set; }

    public IReadOnlyList<string> Workloads { get; private set; } = DefaultWorkloads.Split(',');

    /// <summary>Publishing time of each measured phase.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured publishing before each throughput and latency phase (JIT, grain activation, caches).</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many PUBLISHes per measured phase (split between the publishers).</summary>
    public long MaxMessages { get; private set; } = 5_000_000;

    public int PayloadSize { get; private set; } = 256;

    /// <summary>QoS 1 PUBLISHes a publisher keeps unacknowledged at most.</summary>
    public int InFlight { get; private set; } = 100;

    /// <summary>Throughput workloads: how many messages a publisher may be ahead of its slowest subscriber. It keeps the
    /// system at its sustainable rate instead of filling the broker's buffers (the same rule for every broker).</summary>
    public int Lead { get; private set; } = 1000;

    public int Publishers { get; private set; } = 4;

    public int Subscribers { get; private set; } = 50;

    /// <summary>The fixed rate of the latency workload, messages/s.</summary>
    public int Rate { get; private set; } = 4000;

    /// <summary>The fixed publishing rate of the offline-subscriber workload, messages/s.</summary>
    public int OfflineRate { get; private set; } = 5000;

    public int IdleConnections { get; private set; } = 10_000;

    /// <summary>kill9-publish: acknowledged messages after which the broker is killed.</summary>
    public int Kill9Messages { get; private set; } = 20_000;

    /// <summary>kill9-publish writes, kill9-verify reads: what was acknowledged before the kill.</summary>
    public string? StateFile { get; private set; }

    /// <summary>After publishing: how long to wait at most for the subscribers to receive what is expected.</summary>
    public TimeSpan DrainTimeout { get; private set; } = TimeSpan.FromSeconds(30);

    public MqttProtocolVersion Version { get; private set; } = MqttProtocolVersion.V311;

    /// <summary>MQTT 5.0 subscribers announce this Receive Maximum (the broker's window towards them); null = <see cref="InFlight"/>.</summary>
    public ushort? ReceiveMaximum { get; private set; }

    /// <summary>Parses the arguments after the benchmark name; null and <paramref name="error"/> when they are wrong.</summary>
    public static MqttBenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var o = new MqttBenchmarkOptions();
        var host = IPAddress.Loopback;
        var port = 1883;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"Option '{name}' needs a value.";
                return null;
            }
            var value = args[++i];
            var ok = true;
            switch (name)
            {
                case "--host":
                    ok = IPAddress.TryParse(value, out host!);
                    break;
                case "--port":
                    ok = Int(value, 1, 65_535, out port);
                    break;
                case "--broker-pid":
                    ok = Int(value, 1, int.MaxValue, out var pid);
                    o.BrokerPid = pid;
                    break;
                case "--label":
                    ok = value.Length > 0 && !value.Contains('\t', StringComparison.Ordinal);
                    o.Label = value;
                    break;
                case "--results":
                    o.ResultsFile = value;
                    break;
                case "--state-file":
                    o.StateFile = value;
                    break;
                case "--workloads":
                    var list = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    ok = list.Length > 0 && list.All(w => MqttWorkloads.Names.Contains(w));
                    o.Workloads = list;
                    break;
                case "--seconds":
                    ok = Seconds(value, out var duration);
                    o.Duration = duration;
                    break;
                case "--warmup":
                    ok = Seconds(value, out var warmup, allowZero: true);
                    o.Warmup = warmup;
                    break;
                case "--drain-seconds":
                    ok = Seconds(value, out var drain);
                    o.DrainTimeout = drain;
                    break;
                case "--max-messages":
                    ok = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= 100;
                    o.MaxMessages = max;
                    break;
                case "--payload":
                    ok = Int(value, BenchPayload.HeaderSize, 1 << 20, out var payload);
                    o.PayloadSize = payload;
                    break;
                case "--inflight":
                    ok = Int(value, 1, InFlightWindow.MaxPacketId, out var inflight);
                    o.InFlight = inflight;
                    break;
                case "--lead":
                    ok = Int(value, 1, 10_000_000, out var lead);
                    o.Lead = lead;
                    break;
                case "--publishers":
                    ok = Int(value, 1, 1000, out var publishers);
                    o.Publishers = publishers;
                    break;
                case "--subscribers":
                    ok = Int(value, 1, 1000, out var subscribers);
                    o.Subscribers = subscribers;
                    break;
                case "--rate":
                    ok = Int(value, 1, 1_000_000, out var rate);
                    o.Rate = rate;
                    break;
                case "--offline-rate":
                    ok = Int(value, 1, 1_000_000, out var offlineRate);
                    o.OfflineRate = offlineRate;
                    break;
                case "--idle-connections":
                    ok = Int(value, 1, 60_000, out var idle);
                    o.IdleConnections = idle;
                    break;
                case "--kill9-messages":
                    ok = Int(value, 1, 10_000_000, out var kill9);
                    o.Kill9Messages = kill9;
                    break;
                case "--receive-maximum":
                    ok = Int(value, 1, 65_535, out var receiveMaximum);
                    o.ReceiveMaximum = (ushort)receiveMaximum;
                    break;
                case "--protocol":
                    ok = value is "3.1.1" or "4" or "5" or "5.0";
                    o.Version = value is "5" or "5.0" ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
                    break;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }
            if (!ok)
            {
                error = $"Option '{name}' has a bad value '{value}'.";
                return null;
            }
        }
        o.Broker = new IPEndPoint(host, port);
        if (o.Workloads.Any(w => w.StartsWith("kill9", StringComparison.Ordinal)) && o.StateFile is null)
        {
            error = "kill9-publish and kill9-verify need --state-file.";
            return null;
        }
        if (o.Workloads.Contains("kill9-publish") && o.BrokerPid is null)
        {
            error = "kill9-publish needs --broker-pid (it kills the broker with SIGKILL).";
            return null;
        }
        return o;
    }

    private static bool Int(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool Seconds(string text, out TimeSpan value, bool allowZero = false)
    {
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && (allowZero ? seconds >= 0 : seconds > 0) && seconds <= 3600;
        value = ok ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        return ok;
    }
}
