using System.Net.Sockets;
using Runtime.Tests.Cluster;
using Runtime.Tests.Grains;
using TestCluster;

namespace Runtime.Tests.Messaging;

/// <summary>Garbage on the silo's ports closes that connection only, logged once; the silo keeps serving.</summary>
[Trait("Category", "Cluster")]
public sealed class BadInputTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ClusterFactory.StartAsync(silos: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public static TheoryData<string, byte[]> BadOpenings => new()
    {
        { "http request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray() },
        { "random bytes", [0xff, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04] },
        { "wrong version", [(byte)'O', (byte)'R', (byte)'L', (byte)'N', 0x00, 0x63, 0, 0, 0, 0] },
        { "huge preamble", [(byte)'O', (byte)'R', (byte)'L', (byte)'N', 0x00, 0x01, 0x7f, 0xff, 0xff, 0xff] },
    };

    [Theory]
    [MemberData(nameof(BadOpenings))]
    public async Task Connect_GarbageInsteadOfPreamble_ClosedLoggedOnceAndSiloKeepsServing(string name, byte[] bytes)
    {
        var silo = _cluster.Silos[0];
        foreach (var endPoint in new[] { silo.Address.SiloEndPoint, silo.Address.GatewayEndPoint })
        {
            var before = RefusalCount();
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint);
            await socket.SendAsync(bytes);

            await ReadUntilClosedAsync(socket);
            await Wait.UntilAsync(() => RefusalCount() == before + 1, TimeSpan.FromSeconds(5), $"one log line for the {name}");
        }

        var result = await _cluster.Client!.GetGrain(ProbeGrain.Kind, "after-garbage").CallAsync(new ProbeCall("x", 1, 0));
        result.Order.Should().Be(1);
        _cluster.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Connect_WrongClusterId_Refused()
    {
        var silo = _cluster.Silos[0];
        var before = RefusalCount();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(silo.Address.GatewayEndPoint);
        var preamble = new System.Buffers.ArrayBufferWriter<byte>();
        new Runtime.Messaging.ConnectionPreamble(Runtime.Messaging.ConnectionRole.Client, "another-cluster", "intruder", "").Write(preamble);
        await socket.SendAsync(preamble.WrittenMemory);

        await ReadUntilClosedAsync(socket);
        await Wait.UntilAsync(() => RefusalCount() == before + 1, TimeSpan.FromSeconds(5), "the refusal log line");
        _cluster.Logs.Records.Last(r => r.Message.StartsWith("Refused", StringComparison.Ordinal)).Message.Should().Contain("another-cluster");
    }

    [Fact]
    public async Task Frame_MalformedAfterValidPreamble_ConnectionClosedAndSiloKeepsServing()
    {
        var silo = _cluster.Silos[0];
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(silo.Address.GatewayEndPoint);
        var preamble = new System.Buffers.ArrayBufferWriter<byte>();
        new Runtime.Messaging.ConnectionPreamble(Runtime.Messaging.ConnectionRole.Client, _cluster.ClusterId, "bad-client", silo.Address.ToString()).Write(preamble);
        await socket.SendAsync(preamble.WrittenMemory);
        // A frame whose length is 28 but whose kind byte is unknown.
        byte[] frame = [0, 0, 0, 24, 0x7e, 0, 0, 0, .. new byte[20]];
        await socket.SendAsync(frame);

        await ReadUntilClosedAsync(socket);
        await Wait.UntilAsync(() => _cluster.Logs.Records.Any(r => r.Message.Contains("malformed frame", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), "the malformed-frame log line");
        var result = await _cluster.Client!.GetGrain(ProbeGrain.Kind, "after-bad-frame").CallAsync(new ProbeCall("x", 1, 0));
        result.Order.Should().Be(1);
    }

    private int RefusalCount() => _cluster.Logs.Records.Count(r => r.Message.StartsWith("Refused a runtime connection", StringComparison.Ordinal));

    private static async Task ReadUntilClosedAsync(Socket socket)
    {
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return; // reset: closed
            }
            if (read == 0)
            {
                return;
            }
        }
    }
}
