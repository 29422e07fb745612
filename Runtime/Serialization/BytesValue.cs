namespace Runtime.Serialization;

/// <summary>A reply carrying a byte string.</summary>
public sealed class BytesValue : IWireMessage<BytesValue>
{
    public BytesValue(byte[] value) => Value = value;

    public byte[] Value { get; }

    public static string WireName => "rt.bytes";

    public static BytesValue Read(ref WireReader reader) => new(reader.ReadBytes());

    public void Write(ref WireWriter writer) => writer.WriteBytes(Value);
}
