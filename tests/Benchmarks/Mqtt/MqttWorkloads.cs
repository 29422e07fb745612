using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>The workloads of the <c>mqtt</c> load program by name (issue 3, "Benchmark and targets").</summary>
public static class MqttWorkloads
{
    public static IReadOnlyList<IMqttWorkload> All { get; } =
    [
        new ThroughputWorkload("fanin-qos0", o => o.Publishers, _ => 1, MqttQualityOfService.AtMostOnce),
        new ThroughputWorkload("fanin-qos1", o => o.Publishers, _ => 1, MqttQualityOfService.AtLeastOnce),
        new ThroughputWorkload("fanout-qos0", _ => 1, o => o.Subscribers, MqttQualityOfService.AtMostOnce),
        // --publishers independent publisher -> topic -> subscriber flows: the work spreads over a cluster's silos.
        new ThroughputWorkload("pairs-qos1", o => o.Publishers, o => o.Publishers, MqttQualityOfService.AtLeastOnce, o => o.Publishers),
        new OfflineSubscriberWorkload(),
        new FixedRateLatencyWorkload(),
        new IdleConnectionsWorkload(),
        new Kill9PublishWorkload(),
        new Kill9VerifyWorkload(),
    ];

    public static IReadOnlySet<string> Names { get; } = All.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);

    public static IMqttWorkload Get(string name) => All.First(w => w.Name == name);
}
