using System.Globalization;

namespace Benchmarks.Mqtt;

/// <summary>
/// <c>mqtt</c>: an MQTT load program over loopback against any broker (ours or mosquitto, by address and port):
/// messages/s in and out, p50/p99/max latency, delivered/expected, lost and duplicated messages, the broker's RSS and
/// CPU (from /proc, given <c>--broker-pid</c>). cluster/bench/compare-mqtt.sh runs it against both brokers.
/// </summary>
public sealed class MqttBenchmark : IBenchmarkProgram
{
    public string Name => "mqtt";

    public string Description => "MQTT load against a broker at --host/--port: fan-in, fan-out, offline session, latency, idle connections, kill -9";

    public string Options => MqttBenchmarkOptions.Usage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = MqttBenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{error}\nUsage: mqtt {MqttBenchmarkOptions.Usage}").ConfigureAwait(false);
            return 2;
        }
        output.WriteLine($"MQTT load program: broker '{options.Label}' at {options.Broker}" +
            (options.BrokerPid is { } pid ? $" (pid {pid})" : " (no --broker-pid: no RSS/CPU figures)"));
        MachineInfo.Print(output);
        output.WriteLine($"Settings: MQTT {(options.Version == Gateway.Mqtt.Codec.MqttProtocolVersion.V500 ? "5.0" : "3.1.1")}, " +
            $"{options.Duration.TotalSeconds:0.#} s per workload after {options.Warmup.TotalSeconds:0.#} s warm-up, at most {options.MaxMessages:N0} messages, " +
            $"{options.PayloadSize} B payloads, TCP_NODELAY");
        output.WriteLine();

        var context = new WorkloadContext(options, output);
        var results = new List<WorkloadResult>();
        using var cancel = new CancellationTokenSource();
        foreach (var name in options.Workloads)
        {
            var workload = MqttWorkloads.Get(name);
            output.WriteLine($"{name}: {workload.Describe(options)}");
            WorkloadResult result;
            try
            {
                result = await workload.RunAsync(context, cancel.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
            {
                result = new WorkloadResult { Workload = name, Title = workload.Describe(options), Error = ex.Message };
            }
            results.Add(result);
            MqttResultTable.WriteHeader(output);
            MqttResultTable.WriteRow(output, result);
            output.WriteLine();
            if (options.ResultsFile is { } file)
            {
                await File.AppendAllTextAsync(file, MqttResultTable.ToTsv(options.Label, result) + "\n", cancel.Token).ConfigureAwait(false);
            }
        }

        output.WriteLine($"Summary ({options.Label})");
        MqttResultTable.WriteHeader(output);
        foreach (var result in results)
        {
            MqttResultTable.WriteRow(output, result);
        }
        output.WriteLine();
        output.WriteLine("in = PUBLISHes sent per second of publishing (QoS 1: acknowledged); out = PUBLISHes received by all subscribers per");
        output.WriteLine("second from the first publish to the last arrival. Latency from the publisher's send to the subscriber's decode.");
        output.WriteLine("expected = sent (QoS 0) or acknowledged (QoS 1) x subscribers; lost = expected, never received; dup = received twice.");
        output.WriteLine("RSS MB = broker peak VmRSS; brokerCPU / loadCPU / otherCPU = CPU time of the broker, of this program and of every");
        output.WriteLine($"other process over wall time ({Environment.ProcessorCount * 100}% = all cores); a high otherCPU means a disturbed figure.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Run tag {context.RunTag}: topics bench/<workload>/{context.RunTag}."));
        return results.Any(r => r.Error is not null) ? 1 : 0;
    }
}
