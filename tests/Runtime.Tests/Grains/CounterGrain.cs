using Runtime.Core;
using Runtime.Serialization;

namespace Runtime.Tests.Grains;

/// <summary>A persistent counter: each add is committed before it is answered.</summary>
public sealed class CounterGrain : PersistentGrain<CounterState>
{
    public const string Kind = "counter";

    protected override CounterState CreateInitialState() => new();

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        switch (request)
        {
            case AddToCounter add:
                State.Value += add.Amount;
                await WriteStateAsync().ConfigureAwait(false);
                return new Int64Value(State.Value);
            case GetCounter:
                return new CounterSnapshot(State.Value, Context.Silo.ToString(), Epoch);
            default:
                throw Unknown(request);
        }
    }
}
