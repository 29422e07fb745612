using Runtime.Identity;

namespace Runtime.Core;

/// <summary>Gives a reference for any grain id; the grain is activated on its first call.</summary>
public interface IGrainFactory
{
    GrainReference GetGrain(GrainId grainId);

    GrainReference GetGrain(string kind, string key);
}
