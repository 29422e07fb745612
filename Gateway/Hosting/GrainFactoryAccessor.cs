using Runtime.Core;

namespace Gateway.Hosting;

/// <summary>An <see cref="IGrainFactoryAccessor"/> over a delegate (the host knows where its factory comes from).</summary>
public sealed class GrainFactoryAccessor : IGrainFactoryAccessor
{
    private readonly Func<IGrainFactory?> _get;
    private readonly Func<IObserverFactory?> _observers;

    public GrainFactoryAccessor(Func<IGrainFactory?> get, Func<IObserverFactory?> observers)
    {
        _get = get;
        _observers = observers;
    }

    public IGrainFactory? GrainFactory => _get();

    public IObserverFactory? Observers => _observers();
}
