namespace Benchmarks;

/// <summary>
/// One benchmark the <see cref="BenchmarkSwitcher"/> can run: a program that measures and prints figures, never
/// asserts. Returns the process exit code (0 done, 2 bad arguments).
/// </summary>
public interface IBenchmarkProgram
{
    /// <summary>The first command-line argument that selects this benchmark, e.g. <c>calls</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>The options after the name, for the usage text, e.g. <c>[--seconds N]</c>.</summary>
    string Options { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output);
}
