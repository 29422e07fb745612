namespace Runtime.Serialization;

/// <summary>A reply carrying one <c>long</c>.</summary>
public sealed record Int64Value(long Value) : IWireMessage<Int64Value>
{
    public static string WireName => "rt.i64";

    public static Int64Value Read(ref WireReader reader) => new(reader.ReadVarInt64());

    public void Write(ref WireWriter writer) => writer.WriteVarInt64(Value);
}
