using System.Globalization;

namespace Benchmarks.Runtime;

/// <summary>The options of the <c>calls</c> benchmark.</summary>
public sealed class GrainCallOptions
{
    public const string Usage = "[--seconds N (5)] [--warmup N (1)] [--max-calls N (20000000)]";

    /// <summary>How long each scenario is measured.</summary>
    public TimeSpan Duration { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long each scenario runs, unmeasured, before: activations, connections and tiered JIT settle.</summary>
    public TimeSpan Warmup { get; private init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most calls one scenario's measurement makes (split evenly between its callers): bounds the run
    /// and the latency buffers, which are allocated before measuring (8 bytes a call).</summary>
    public int MaxCalls { get; private init; } = 20_000_000;

    /// <summary>Parses the arguments after the benchmark name; returns null and sets <paramref name="error"/> when
    /// they are wrong.</summary>
    public static GrainCallOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var duration = TimeSpan.FromSeconds(5);
        var warmup = TimeSpan.FromSeconds(1);
        var maxCalls = 20_000_000;
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
            switch (name)
            {
                case "--seconds" when TryParsePositive(value, out var seconds):
                    duration = TimeSpan.FromSeconds(seconds);
                    break;
                case "--warmup" when TryParsePositive(value, out var seconds):
                    warmup = TimeSpan.FromSeconds(seconds);
                    break;
                case "--max-calls" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var calls) && calls >= 64:
                    maxCalls = calls;
                    break;
                case "--seconds" or "--warmup" or "--max-calls":
                    error = $"Option '{name}' has a bad value '{value}'.";
                    return null;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }
        }
        return new GrainCallOptions { Duration = duration, Warmup = warmup, MaxCalls = maxCalls };
    }

    private static bool TryParsePositive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && value <= 3600;
}
