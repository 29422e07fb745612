namespace Runtime.Serialization;

/// <summary>Caches the wire type id of <typeparamref name="T"/>, computed once from its wire name.</summary>
public static class WireType<T>
    where T : IWireMessage<T>
{
    public static readonly uint Id = WireRegistry.IdOf(T.WireName);
}
