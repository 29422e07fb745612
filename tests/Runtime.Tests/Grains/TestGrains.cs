using Runtime.Activation;
using Runtime.Serialization;

namespace Runtime.Tests.Grains;

/// <summary>Registers the test grains and their wire types.</summary>
public static class TestGrains
{
    public static void RegisterWireTypes()
    {
        WireRegistry.Register<CounterState>();
        WireRegistry.Register<AddToCounter>();
        WireRegistry.Register<GetCounter>();
        WireRegistry.Register<CounterSnapshot>();
        WireRegistry.Register<ProbeCall>();
        WireRegistry.Register<ProbeResult>();
        WireRegistry.Register<NotifyObserver>();
        WireRegistry.Register<FailPlease>();
        WireRegistry.Register<WhoAreYou>();
    }

    public static void Add(GrainTypeRegistry registry)
    {
        RegisterWireTypes();
        registry.Add<CounterGrain>(CounterGrain.Kind);
        registry.Add<ProbeGrain>(ProbeGrain.Kind);
    }
}
