using Runtime.Core;

namespace Benchmarks.Runtime;

/// <summary>
/// One measured row: a call path and a shape. Each caller is a loop that awaits one call at a time;
/// <see cref="Targets"/> holds the grain each caller calls (all the same grain when they contend for one mailbox).
/// </summary>
public sealed record CallScenario(CallPath Path, string PathLabel, GrainReference[] Targets, int DistinctGrains)
{
    public int Callers => Targets.Length;

    /// <summary>How callers map to grains, as printed.</summary>
    public string ShapeLabel => (Callers, DistinctGrains) switch
    {
        (1, _) => "1 caller, 1 grain",
        (_, 1) => $"{Callers} callers -> 1 shared grain",
        _ => $"{Callers} callers -> {DistinctGrains} grains",
    };
}
