using Gateway.Amqp;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Cluster;

namespace Gateway.Tests.Amqp.Session;

/// <summary>The transaction coordinator (AMQP 1.0 Part 4) at the frame level: the coordinator attach and its
/// capabilities, declare and discharge answers, and the transaction errors.</summary>
[Trait("Category", "Cluster")]
public sealed class AmqpTransactionProtocolTests : IAsyncLifetime
{
    private AmqpGatewayCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await AmqpGatewayCluster.StartAsync(new AmqpGatewayOptions());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task CoordinatorAttach_LocalTransactions_EchoedWithCreditGranted()
    {
        await using var client = await ControllerAsync();

        var attach = await client.ReadUntilAsync<Attach>();
        var flow = await client.ReadUntilAsync<Flow>();

        attach.Coordinator.Should().NotBeNull("the coordinator target is echoed (Part 4 §4.2)");
        attach.Coordinator!.Capabilities.Should().Contain(TxnCapability.LocalTransactions)
            .And.NotContain(TxnCapability.DistributedTransactions).And.NotContain(TxnCapability.PromotableTransactions);
        flow.LinkCredit.Should().BeGreaterThan(0u);
    }

    [Fact]
    public async Task CoordinatorAttach_DistributedOnly_RefusedWithNotImplemented()
    {
        await using var client = await ControllerAsync(TxnCapability.DistributedTransactions);

        var attach = await client.ReadUntilAsync<Attach>();
        var detach = await client.ReadUntilAsync<Detach>();

        attach.Coordinator.Should().BeNull("a refused attach carries a null target (Part 2 §2.6.3)");
        attach.Target.Should().BeNull();
        detach.Error!.Condition.Should().Be(AmqpErrorCondition.NotImplemented);
        detach.Error.Description.Should().Contain("local transactions");
    }

    [Fact]
    public async Task Declare_AnsweredWithDeclaredTxnId_DischargeCommitsThenUnknown()
    {
        await using var client = await ControllerAsync();
        await client.ReadUntilAsync<Flow>();

        await client.SendAsync(0, TransferOf(0), Control(new Declare()));
        var declared = await NextDispositionAsync(client);
        var txnId = declared.State.Should().BeOfType<Declared>().Subject.TxnId.ToArray();
        declared.Settled.Should().BeTrue();

        await client.SendAsync(0, TransferOf(1), Control(new Discharge { TxnId = txnId }));
        var committed = await NextDispositionAsync(client);
        await client.SendAsync(0, TransferOf(2), Control(new Discharge { TxnId = txnId, Fail = true }));
        var again = await NextDispositionAsync(client);

        committed.First.Should().Be(1u);
        committed.State.Should().BeOfType<Accepted>();
        again.First.Should().Be(2u);
        again.State.Should().BeOfType<Rejected>().Which.Error!.Condition.Should().Be(TransactionErrorCondition.UnknownId,
            "a discharged transaction is gone (Part 4 §4.5.8)");
    }

    [Fact]
    public async Task TwoDeclares_GetDifferentTxnIds()
    {
        await using var client = await ControllerAsync();
        await client.ReadUntilAsync<Flow>();

        await client.SendAsync(0, TransferOf(0), Control(new Declare()));
        var first = (Declared)(await NextDispositionAsync(client)).State!;
        await client.SendAsync(0, TransferOf(1), Control(new Declare()));
        var second = (Declared)(await NextDispositionAsync(client)).State!;

        second.TxnId.ToArray().Should().NotEqual(first.TxnId.ToArray());
    }

    [Fact]
    public async Task DeclareWithGlobalId_RejectedWithNotImplemented()
    {
        await using var client = await ControllerAsync();
        await client.ReadUntilAsync<Flow>();

        await client.SendAsync(0, TransferOf(0), Control(new Declare { GlobalId = (AmqpValue)new byte[] { 1, 2, 3 } }));

        var disposition = await NextDispositionAsync(client);
        disposition.State.Should().BeOfType<Rejected>().Which.Error!.Condition.Should().Be(AmqpErrorCondition.NotImplemented);
    }

    [Fact]
    public async Task ControlMessageWithDataBody_RejectedWithDecodeError_LinkGoesOn()
    {
        await using var client = await ControllerAsync();
        await client.ReadUntilAsync<Flow>();

        await client.SendAsync(0, TransferOf(0), [0x00, 0x53, 0x75, 0xa0, 0x01, 0x78]);
        var bad = await NextDispositionAsync(client);
        await client.SendAsync(0, TransferOf(1), Control(new Declare()));
        var good = await NextDispositionAsync(client);

        bad.State.Should().BeOfType<Rejected>().Which.Error!.Condition.Should().Be(AmqpErrorCondition.DecodeError);
        good.State.Should().BeOfType<Declared>();
    }

    [Fact]
    public async Task TransactionalTransfer_UnknownTxnId_RejectedWithUnknownId()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();
        await client.BeginAsync();
        await client.SendAsync(0, new Attach
        {
            LinkName = "txn-sender", Handle = 0, Role = Role.Sender, Source = new Source(), Target = new Target { Address = "/queues/raw-txn-unknown" },
            InitialDeliveryCount = 0,
        });
        await client.ReadUntilAsync<Flow>();

        var transfer = TransferOf(0);
        transfer.State = new TransactionalState { TxnId = new byte[] { 0, 0, 0, 0, 0, 0, 0, 99 } };
        await client.SendAsync(0, transfer, [0x00, 0x53, 0x75, 0xa0, 0x01, 0x78]);

        var disposition = await NextDispositionAsync(client);
        disposition.State.Should().BeOfType<Rejected>().Which.Error!.Condition.Should().Be(TransactionErrorCondition.UnknownId);
    }

    private async Task<RawAmqpClient> ControllerAsync(params AmqpSymbol[] capabilities)
    {
        var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();
        await client.BeginAsync();
        await client.SendAsync(0, new Attach
        {
            LinkName = "txn-ctrl", Handle = 0, Role = Role.Sender, Source = new Source(),
            Coordinator = new Coordinator { Capabilities = capabilities.Length == 0 ? [TxnCapability.LocalTransactions] : capabilities },
            InitialDeliveryCount = 0,
        });
        return client;
    }

    /// <summary>The next disposition, copied: the client's frame reader reuses its disposition object for the next one.</summary>
    private static async Task<Disposition> NextDispositionAsync(RawAmqpClient client)
    {
        var read = await client.ReadUntilAsync<Disposition>();
        return new Disposition { Role = read.Role, First = read.First, Last = read.Last, Settled = read.Settled, State = read.State };
    }

    private static Transfer TransferOf(uint deliveryId) => new()
    {
        Handle = 0, DeliveryId = deliveryId, DeliveryTag = new byte[] { (byte)deliveryId }, MessageFormat = 0,
    };

    /// <summary>A control message: an amqp-value section (0x77) holding the declare or discharge.</summary>
    private static byte[] Control(AmqpComposite control) => AmqpWire.Write((ref AmqpWriter w) =>
    {
        w.WriteDescriptor(0x77UL);
        w.WriteComposite(control);
    });
}
