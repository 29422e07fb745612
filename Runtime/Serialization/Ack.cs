namespace Runtime.Serialization;

/// <summary>The reply of a request that returns nothing but completion.</summary>
public sealed class Ack : IWireMessage<Ack>
{
    public static readonly Ack Instance = new();

    private Ack()
    {
    }

    public static string WireName => "rt.ack";

    public static Ack Read(ref WireReader reader) => Instance;

    public void Write(ref WireWriter writer)
    {
    }
}
