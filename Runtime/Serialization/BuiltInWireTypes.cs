namespace Runtime.Serialization;

/// <summary>The runtime's own wire types: simple replies usable by any grain.</summary>
public static class BuiltInWireTypes
{
    public static void Register()
    {
        WireRegistry.Register<Ack>();
        WireRegistry.Register<Int64Value>();
        WireRegistry.Register<BoolValue>();
        WireRegistry.Register<StringValue>();
        WireRegistry.Register<BytesValue>();
    }
}
