namespace Benchmarks.Mqtt;

/// <summary>What every workload of one run shares: the options, the broker monitor, a run tag that keeps topics and
/// client ids of this run apart from earlier ones, and a progress writer.</summary>
public sealed class WorkloadContext
{
    public WorkloadContext(MqttBenchmarkOptions options, TextWriter progress)
    {
        Options = options;
        Progress = progress;
        Monitor = new BrokerMonitor(options.BrokerPid);
        RunTag = Random.Shared.Next(0x1000_0000, int.MaxValue).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    public MqttBenchmarkOptions Options { get; }

    public BrokerMonitor Monitor { get; }

    public string RunTag { get; }

    public TextWriter Progress { get; }

    /// <summary>A fresh phase id for <see cref="BenchPayload"/> (never 0).</summary>
    public static int NewPhase() => Random.Shared.Next(1, int.MaxValue);

    public void Log(string message) => Progress.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");
}
