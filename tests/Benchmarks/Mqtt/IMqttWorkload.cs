namespace Benchmarks.Mqtt;

/// <summary>One workload of the <c>mqtt</c> load program: connects its own clients, measures, disconnects them.</summary>
public interface IMqttWorkload
{
    /// <summary>The name used in <c>--workloads</c> and in the results file.</summary>
    string Name { get; }

    /// <summary>One line describing the shape (clients, QoS, rate).</summary>
    string Describe(MqttBenchmarkOptions options);

    Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken);
}
