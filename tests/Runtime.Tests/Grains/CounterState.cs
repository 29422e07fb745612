using Runtime.Serialization;

namespace Runtime.Tests.Grains;

public sealed class CounterState : IWireMessage<CounterState>
{
    public long Value { get; set; }

    public static string WireName => "test.counter.state";

    public static CounterState Read(ref WireReader reader) => new() { Value = reader.ReadVarInt64() };

    public void Write(ref WireWriter writer) => writer.WriteVarInt64(Value);
}
