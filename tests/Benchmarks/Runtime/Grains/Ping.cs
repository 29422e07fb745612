using Runtime.Core;
using Runtime.Serialization;

namespace Benchmarks.Runtime.Grains;

/// <summary>The benchmark's request: the grain answers with <see cref="Int64Value"/> carrying <see cref="N"/> back.</summary>
public sealed record Ping(long N) : IGrainRequest<Int64Value>, IWireMessage<Ping>
{
    public static string WireName => "bench.ping";

    public static Ping Read(ref WireReader reader) => new(reader.ReadVarInt64());

    public void Write(ref WireWriter writer) => writer.WriteVarInt64(N);
}
