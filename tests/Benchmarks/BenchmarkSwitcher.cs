using Benchmarks.Mqtt;
using Benchmarks.Queues;
using Benchmarks.Runtime;

namespace Benchmarks;

/// <summary>
/// Picks a benchmark by its name (the first argument), like BenchmarkDotNet's <c>BenchmarkSwitcher</c>: a new
/// benchmark is one more <see cref="IBenchmarkProgram"/> in <see cref="CreateDefault"/>. No argument or an unknown
/// one prints the usage.
/// </summary>
public sealed class BenchmarkSwitcher
{
    private readonly IReadOnlyList<IBenchmarkProgram> _benchmarks;

    public BenchmarkSwitcher(IReadOnlyList<IBenchmarkProgram> benchmarks) => _benchmarks = benchmarks;

    /// <summary>Every benchmark of this project.</summary>
    public static BenchmarkSwitcher CreateDefault() => new([new GrainCallBenchmark(), new QueueBenchmark(), new MqttBenchmark()]);

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(args.Length == 0 ? Console.Error : Console.Out);
            return args.Length == 0 ? 2 : 0;
        }
        foreach (var benchmark in _benchmarks)
        {
            if (string.Equals(benchmark.Name, args[0], StringComparison.OrdinalIgnoreCase))
            {
                return await benchmark.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
            }
        }
        Console.Error.WriteLine($"Unknown benchmark '{args[0]}'.");
        PrintUsage(Console.Error);
        return 2;
    }

    private void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("Usage: dotnet run -c Release --project tests/Benchmarks -- <benchmark> [options]");
        writer.WriteLine();
        writer.WriteLine("Benchmarks:");
        foreach (var benchmark in _benchmarks)
        {
            writer.WriteLine($"  {benchmark.Name,-8} {benchmark.Options}");
            writer.WriteLine($"  {string.Empty,-8} {benchmark.Description}");
        }
    }
}
