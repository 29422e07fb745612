namespace Runtime.Serialization;

/// <summary>A reply carrying one <c>bool</c>.</summary>
public sealed record BoolValue(bool Value) : IWireMessage<BoolValue>
{
    public static string WireName => "rt.bool";

    public static BoolValue Read(ref WireReader reader) => new(reader.ReadBool());

    public void Write(ref WireWriter writer) => writer.WriteBool(Value);
}
