using System.Buffers;
using Gateway.Amqp;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Cluster;

namespace Gateway.Tests.Amqp.Session;

/// <summary>The JMS compatibility at frame level, where a proton client cannot write the case: the offered capabilities
/// in open, the node-type capability echoed in the attach, a relayed message whose bare <c>to</c> a byte
/// <c>x-opt-jms-dest</c> (as Qpid JMS writes it) makes a topic, and a relayed message without <c>to</c> rejected alone.</summary>
public sealed class AmqpJmsCompatProtocolTests : IAsyncLifetime
{
    private AmqpGatewayCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await AmqpGatewayCluster.StartAsync(new AmqpGatewayOptions());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Open_OffersAnonymousRelayAndDelayedDelivery()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);

        var open = await client.OpenAsync();

        open.OfferedCapabilities.Should().BeEquivalentTo([ConnectionCapabilities.AnonymousRelay, ConnectionCapabilities.DelayedDelivery]);
    }

    [Fact]
    public async Task Receiver_BareAddressWithTopicCapability_AnsweredWithTopicCapability()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();
        await client.BeginAsync();

        await client.SendAsync(0, new Attach
        {
            LinkName = "jms-topic", Handle = 0, Role = Role.Receiver,
            Source = new Source { Address = "raw/jms", Capabilities = [TerminusCapabilities.Topic] }, Target = new Target(),
        });

        var answer = await client.ReadUntilAsync<Attach>();
        answer.Source!.Address.Should().Be("raw/jms");
        answer.Source.Capabilities.Should().Equal(TerminusCapabilities.Topic);
    }

    [Fact]
    public async Task AnonymousRelay_NoToRejected_ThenBareToWithByteJmsDestTopic_ReachesTheTopicReceiver()
    {
        await using var client = await RawAmqpClient.ConnectAsync(_cluster.EndPoint);
        await client.OpenAsync();
        await client.BeginAsync();
        await client.SendAsync(0, new Attach
        {
            LinkName = "topic-receiver", Handle = 1, Role = Role.Receiver, Source = new Source { Address = "/topics/raw/relay" }, Target = new Target(),
        });
        var receiver = await client.ReadUntilAsync<Attach>();
        await client.SendAsync(0, new Flow { NextIncomingId = 0, IncomingWindow = 100, NextOutgoingId = 0, OutgoingWindow = 100, Handle = 1, DeliveryCount = 0, LinkCredit = 10 });

        await client.SendAsync(0, new Attach
        {
            LinkName = "relay", Handle = 0, Role = Role.Sender, Source = new Source(), Target = new Target(), InitialDeliveryCount = 0,
        });
        var answer = await client.ReadUntilAsync<Attach>();
        answer.Target.Should().NotBeNull();
        answer.Target!.Address.Should().BeNull("the anonymous relay node has no address");
        (await client.ReadUntilAsync<Flow>()).LinkCredit.Should().BePositive();

        await client.SendAsync(0, new Transfer { Handle = 0, DeliveryId = 0, DeliveryTag = new byte[] { 1 } }, Message(to: null, jmsDest: null));
        var rejected = await client.ReadUntilAsync<Disposition>();
        rejected.First.Should().Be(0u);
        rejected.State.Should().BeOfType<Rejected>().Which.Error!.Condition.Should().Be(AmqpErrorCondition.NotFound);

        await client.SendAsync(0, new Transfer { Handle = 0, DeliveryId = 1, DeliveryTag = new byte[] { 2 } }, Message(to: "raw/relay", jmsDest: JmsDestinationType.Topic));
        Disposition? accepted = null;
        Transfer? delivered = null;
        while (accepted is null || delivered is null)
        {
            switch (await client.ReadAsync())
            {
                case Disposition disposition:
                    accepted = disposition;
                    break;
                case Transfer transfer:
                    delivered = transfer;
                    break;
            }
        }
        accepted.First.Should().Be(1u);
        accepted.State.Should().BeOfType<Accepted>();
        delivered.Handle.Should().Be(receiver.Handle, "the relayed message went to the topic");
    }

    /// <summary>message-annotations with <c>x-opt-jms-dest</c> as a byte (when given), properties with <paramref name="to"/>, one data section.</summary>
    private static byte[] Message(string? to, int? jmsDest)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AmqpWriter(output);
        if (jmsDest is { } dest)
        {
            var annotations = new AmqpMap();
            annotations.Add(JmsDestinationType.Annotation, (sbyte)dest);
            writer.WriteDescriptor((ulong)MessageSectionKind.MessageAnnotations);
            writer.WriteMap(annotations);
        }
        writer.WriteComposite(new MessageProperties { MessageId = "m", To = to });
        writer.WriteDescriptor((ulong)MessageSectionKind.Data);
        writer.WriteBinary("relayed"u8);
        return output.WrittenSpan.ToArray();
    }
}
