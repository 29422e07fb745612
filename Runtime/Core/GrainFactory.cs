using Runtime.Identity;

namespace Runtime.Core;

/// <summary>The grain factory of a silo or a cluster client: references bound to its call invoker.</summary>
public sealed class GrainFactory : IGrainFactory
{
    private readonly IGrainCallInvoker _invoker;

    public GrainFactory(IGrainCallInvoker invoker) => _invoker = invoker;

    public GrainReference GetGrain(GrainId grainId) => new(grainId, _invoker);

    public GrainReference GetGrain(string kind, string key) => new(GrainId.Create(kind, key), _invoker);
}
