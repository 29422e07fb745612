using Runtime.Core;
using Runtime.Serialization;

namespace Runtime.Tests.Grains;

/// <summary>Adds to the counter and commits; replies with the new value.</summary>
public sealed record AddToCounter(long Amount) : IGrainRequest<Int64Value>, IWireMessage<AddToCounter>
{
    public static string WireName => "test.counter.add";

    public static AddToCounter Read(ref WireReader reader) => new(reader.ReadVarInt64());

    public void Write(ref WireWriter writer) => writer.WriteVarInt64(Amount);
}

/// <summary>Replies with the counter's value and the activation's silo and epoch.</summary>
public sealed record GetCounter : IGrainRequest<CounterSnapshot>, IWireMessage<GetCounter>
{
    public static string WireName => "test.counter.get";

    public static GetCounter Read(ref WireReader reader) => new();

    public void Write(ref WireWriter writer)
    {
    }
}

public sealed record CounterSnapshot(long Value, string Silo, long Epoch) : IWireMessage<CounterSnapshot>
{
    public static string WireName => "test.counter.snapshot";

    public static CounterSnapshot Read(ref WireReader reader) => new(reader.ReadVarInt64(), reader.ReadString(), reader.ReadVarInt64());

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt64(Value);
        writer.WriteString(Silo);
        writer.WriteVarInt64(Epoch);
    }
}
