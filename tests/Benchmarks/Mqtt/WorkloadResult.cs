namespace Benchmarks.Mqtt;

/// <summary>
/// The figures of one workload against one broker. Rates: <see cref="InRate"/> counts PUBLISHes the publishers sent
/// (QoS 1: acknowledged) per second of publishing; <see cref="OutRate"/> counts PUBLISHes the subscribers received per
/// second from the first publish to the last arrival. Lost = expected (acknowledged at QoS 1, sent at QoS 0) and never
/// received; duplicates = received more than once.
/// </summary>
public sealed class WorkloadResult
{
    public required string Workload { get; init; }

    public required string Title { get; init; }

    public long Published { get; init; }

    /// <summary>PUBLISHes the broker acknowledged (QoS 1), or null at QoS 0.</summary>
    public long? Acknowledged { get; init; }

    public double InRate { get; init; }

    public long Received { get; init; }

    public double OutRate { get; init; }

    public LatencyHistogram Latency { get; init; } = new();

    public long Expected { get; init; }

    public long Lost { get; init; }

    public long Duplicates { get; init; }

    public long Delivered => Expected - Lost;

    public long? PeakRssBytes { get; init; }

    public double? BrokerCpuSeconds { get; init; }

    public double OwnCpuSeconds { get; init; }

    /// <summary>CPU seconds other processes of the machine used meanwhile: high means the figures are disturbed.</summary>
    public double? OtherCpuSeconds { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Workload-specific figures (e.g. <c>kib_per_connection</c>), printed after the row and kept in the results file.</summary>
    public IDictionary<string, string> Extra { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Set when the workload could not run to the end (a connection refused, a broker that died).</summary>
    public string? Error { get; init; }
}
