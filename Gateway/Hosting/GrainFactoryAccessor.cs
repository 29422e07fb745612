using Runtime.Core;

namespace Gateway.Hosting;

/// <summary>An <see cref="IGrainFactoryAccessor"/> over a delegate (the host knows where its factory comes from).</summary>
public sealed class GrainFactoryAccessor : IGrainFactoryAccessor
{
    private readonly Func<IGrainFactory?> _get;

    public GrainFactoryAccessor(Func<IGrainFactory?> get) => _get = get;

    public IGrainFactory? GrainFactory => _get();
}
