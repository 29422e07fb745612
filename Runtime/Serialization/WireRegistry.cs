using System.Collections.Concurrent;
using Runtime.Identity;

namespace Runtime.Serialization;

/// <summary>
/// Maps wire type ids to codecs. Registration is explicit (no reflection, no scanning): each assembly that
/// declares messages offers a <c>Register()</c> method that hosts call at start. Two names hashing to the same id
/// is detected at registration.
/// </summary>
public static class WireRegistry
{
    private delegate IWireMessage ReadFunc(ref WireReader reader);

    private static readonly ConcurrentDictionary<uint, (string Name, ReadFunc Read)> _readers = new();

    static WireRegistry() => BuiltInWireTypes.Register();

    /// <summary>The id a wire name maps to.</summary>
    public static uint IdOf(string wireName) => (uint)StableHash.Of(wireName);

    public static void Register<T>()
        where T : IWireMessage<T>
    {
        var id = WireType<T>.Id;
        var entry = (T.WireName, (ReadFunc)((ref WireReader r) => T.Read(ref r)));
        var existing = _readers.GetOrAdd(id, entry);
        if (!string.Equals(existing.Name, T.WireName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Wire names '{existing.Name}' and '{T.WireName}' hash to the same id {id}; rename one.");
        }
    }

    public static bool IsRegistered(uint typeId) => _readers.ContainsKey(typeId);

    internal static IWireMessage Read(uint typeId, ref WireReader reader)
    {
        if (!_readers.TryGetValue(typeId, out var entry))
        {
            throw new WireFormatException(
                $"Wire type {typeId} is not registered in this process; call the Register() of the assembly that declares it.");
        }
        return entry.Read(ref reader);
    }
}
