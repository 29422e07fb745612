using System.Runtime.CompilerServices;

namespace Runtime.Identity;

/// <summary>
/// A hash that is the same in every process and every run (string.GetHashCode is randomized per process),
/// so that every silo and gateway computes the same placement for the same grain.
/// FNV-1a over UTF-16 code units, finished with the SplitMix64 avalanche so nearby keys spread evenly.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static ulong Of(string value) => Mix(Continue(FnvOffset, value));

    public static ulong Of(string first, string second)
    {
        var h = Continue(FnvOffset, first);
        h = (h ^ 0x1F) * FnvPrime; // separator, so ("ab","c") and ("a","bc") differ
        return Mix(Continue(h, second));
    }

    /// <summary>Combines two hashes into a third (used by rendezvous placement: score(grain, silo)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b * 0x9E3779B97F4A7C15UL));

    private static ulong Continue(ulong h, string value)
    {
        foreach (var c in value)
        {
            h = (h ^ (byte)c) * FnvPrime;
            h = (h ^ (byte)(c >> 8)) * FnvPrime;
        }
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
