namespace Runtime.Serialization;

/// <summary>A reply carrying one <c>string</c>.</summary>
public sealed record StringValue(string Value) : IWireMessage<StringValue>
{
    public static string WireName => "rt.str";

    public static StringValue Read(ref WireReader reader) => new(reader.ReadString());

    public void Write(ref WireWriter writer) => writer.WriteString(Value);
}
