using Runtime.Core;
using Runtime.Serialization;

namespace Benchmarks.Runtime.Grains;

/// <summary>The smallest grain there is: answers <see cref="Ping"/> synchronously, so a call measures the runtime
/// (routing, mailbox, turn, reply, and the connection when remote) and nothing else.</summary>
public sealed class PingGrain : Grain
{
    public const string Kind = "bench-ping";

    protected override ValueTask<IWireMessage> HandleAsync(IWireMessage request) =>
        request is Ping ping ? ValueTask.FromResult<IWireMessage>(new Int64Value(ping.N)) : throw Unknown(request);
}
