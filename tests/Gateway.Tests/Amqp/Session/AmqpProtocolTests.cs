using Gateway.Amqp;
using Gateway.Amqp.Framing;
using Gateway.Tests.Cluster;

namespace Gateway.Tests.Amqp.Session;

/// <summary>Frame-level behaviour against a raw client. Protocol violations get the spec's error with its scope (link: detach; session: end; connection: close) and
/// a description, and the broker keeps serving; heartbeats and the idle timeout work both ways; aborted transfers are discarded.</summary>
public sealed class AmqpProtocolTests : IAsyncLifetime
{
    private AmqpGatewayCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await AmqpGatewayCluster.StartAsync(new AmqpGatewayOptions { IdleTimeout = TimeSpan.FromSeconds(5), MaxFrameSize = 4096 });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task SecondOpen_ClosesWithIllegalState()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();

        await client.SendAsync(0, new Open { ContainerId = "again" });

        var close = await client.ReadUntilAsync<Close>();
        close.Error!.Condition.Should().Be(AmqpErrorCondition.IllegalState);
        close.Error.Description.Should().Contain("second open");
        (await client.ClosedByBrokerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Fact]
    public async Task FrameOverMaxFrameSize_ClosesWithFramingError_BeforeTheBodyArrives()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        var open = await client.OpenAsync();
        open.MaxFrameSize.Should().Be(4096u);

        // Only the 8-byte header of a 1 MiB frame: the broker refuses it from the size alone.
        await client.SendRawAsync([0x00, 0x10, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]);

        var close = await client.ReadUntilAsync<Close>();
        close.Error!.Condition.Should().Be(AmqpErrorCondition.FramingError);
        close.Error.Description.Should().Contain("max-frame-size");
    }

    [Fact]
    public async Task FrameOnChannelWithoutSession_ClosesWithIllegalState()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();

        await client.SendAsync(3, new Flow { IncomingWindow = 10, NextOutgoingId = 0, OutgoingWindow = 10 });

        var close = await client.ReadUntilAsync<Close>();
        close.Error!.Condition.Should().Be(AmqpErrorCondition.IllegalState);
        close.Error.Description.Should().Contain("channel 3");
    }

    [Fact]
    public async Task TransferWithoutCredit_DetachesTheLinkOnly_SessionGoesOn()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();
        await client.BeginAsync();

        // A transfer right behind the attach, in the same write, before the broker granted any credit (Part 2 §2.6.7).
        var bytes = new System.Buffers.ArrayBufferWriter<byte>();
        AmqpFrameWriter.WriteFrame(bytes, 0, new Attach
        {
            LinkName = "sender", Handle = 0, Role = Role.Sender, Source = new Source(), Target = new Target { Address = "/queues/raw-credit" },
            InitialDeliveryCount = 0,
        }, ReadOnlySpan<byte>.Empty);
        AmqpFrameWriter.WriteFrame(bytes, 0, new Transfer { Handle = 0, DeliveryId = 0, DeliveryTag = new byte[] { 1 }, Settled = true }, Message());
        await client.SendRawAsync(bytes.WrittenSpan.ToArray());

        var detach = await client.ReadUntilAsync<Detach>();
        detach.Error!.Condition.Should().Be(AmqpErrorCondition.TransferLimitExceeded);
        detach.Closed.Should().BeTrue();
        await client.SendAsync(0, new Detach { Handle = 0, Closed = true });
        await client.SendAsync(0, new Flow { NextIncomingId = 0, IncomingWindow = 10, NextOutgoingId = 1, OutgoingWindow = 10, Echo = true });
        (await client.ReadUntilAsync<Flow>()).Handle.Should().BeNull("the session still answers");
    }

    [Fact]
    public async Task AttachOnUsedHandle_EndsTheSessionWithHandleInUse()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();
        await client.BeginAsync();
        var attach = new Attach { LinkName = "a", Handle = 5, Role = Role.Sender, Source = new Source(), Target = new Target { Address = "/topics/raw/y" } };
        await client.SendAsync(0, attach);
        await client.ReadUntilAsync<Attach>();

        await client.SendAsync(0, new Attach { LinkName = "b", Handle = 5, Role = Role.Sender, Source = new Source(), Target = new Target { Address = "/topics/raw/y" } });

        var end = await client.ReadUntilAsync<End>();
        end.Error!.Condition.Should().Be(AmqpErrorCondition.HandleInUse);
    }

    [Fact]
    public async Task IdleClient_IsClosedAfterTheIdleTimeout_WithResourceLimitExceeded()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        var open = await client.OpenAsync();
        open.IdleTimeOut.Should().Be(5000u);

        var close = await client.ReadUntilAsync<Close>();

        close.Error!.Condition.Should().Be(AmqpErrorCondition.ResourceLimitExceeded);
        close.Error.Description.Should().Contain("idle-time-out");
    }

    [Fact]
    public async Task ClientWithIdleTimeout_GetsHeartbeats()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync(new Open { ContainerId = "hb", IdleTimeOut = 1000 });

        var frame = await client.ReadAsync(skipHeartbeats: false, timeout: TimeSpan.FromSeconds(3));

        frame.Should().BeNull("an empty frame is the heartbeat (Part 2 §2.4.5), sent within half the client's idle-time-out");
    }

    [Fact]
    public async Task AbortedTransfer_IsDiscarded_NextDeliveryStored()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();
        await client.BeginAsync();
        await client.SendAsync(0, new Attach
        {
            LinkName = "abort-sender", Handle = 0, Role = Role.Sender, Source = new Source(), Target = new Target { Address = "/queues/raw-abort" },
            InitialDeliveryCount = 0,
        });
        await client.ReadUntilAsync<Flow>();

        await client.SendAsync(0, new Transfer { Handle = 0, DeliveryId = 0, DeliveryTag = new byte[] { 1 }, More = true }, Message((byte)'a')[..4]);
        await client.SendAsync(0, new Transfer { Handle = 0, Aborted = true });
        await client.SendAsync(0, new Transfer { Handle = 0, DeliveryId = 1, DeliveryTag = new byte[] { 2 }, More = true }, Message((byte)'b')[..3]);
        await client.SendAsync(0, new Transfer { Handle = 0 }, Message((byte)'b')[3..]);

        var disposition = await client.ReadUntilAsync<Disposition>();
        disposition.First.Should().Be(1u, "the aborted delivery 0 gets no outcome (Part 2 §2.6.14)");
        disposition.State.Should().BeOfType<Accepted>();

        await client.SendAsync(0, new Attach { LinkName = "abort-receiver", Handle = 1, Role = Role.Receiver, Source = new Source { Address = "/queues/raw-abort" }, Target = new Target() });
        await client.ReadUntilAsync<Attach>();
        await client.SendAsync(0, new Flow { NextIncomingId = 0, IncomingWindow = 100, NextOutgoingId = 2, OutgoingWindow = 100, Handle = 1, DeliveryCount = 0, LinkCredit = 10, Drain = true });
        var transfer = await client.ReadUntilAsync<Transfer>();
        client.LastPayload[^1].Should().Be((byte)'b', "only the completed message was stored");
        transfer.DeliveryId.Should().Be(0u);
        var drained = await client.ReadUntilAsync<Flow>();
        drained.LinkCredit.Should().Be(0u, "one message was there; the drain gave the rest of the credit back");
        drained.DeliveryCount.Should().Be(10u);
    }

    /// <summary>A minimal message: one data section holding <paramref name="body"/>.</summary>
    private static byte[] Message(byte body = 0x78) => [0x00, 0x53, 0x75, 0xa0, 0x01, body];
}
