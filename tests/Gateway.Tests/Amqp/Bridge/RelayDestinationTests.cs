using System.Buffers;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp.Bridge;

/// <summary>Where the anonymous relay sends a message: its <c>to</c> in the link address forms; a bare <c>to</c> is the node
/// kind <c>x-opt-jms-dest</c> says (a byte, as Qpid JMS writes it, or any integer), else a queue; a prefix always wins.</summary>
public sealed class RelayDestinationTests
{
    [Theory]
    [InlineData("/queues/orders", null, AmqpNodeKind.Queue, "orders")]
    [InlineData("queue://orders", null, AmqpNodeKind.Queue, "orders")]
    [InlineData("/topics/orders/eu", null, AmqpNodeKind.Topic, "orders/eu")]
    [InlineData("topic://orders/eu", null, AmqpNodeKind.Topic, "orders/eu")]
    [InlineData("orders", null, AmqpNodeKind.Queue, "orders")]
    [InlineData("orders", JmsDestinationType.Queue, AmqpNodeKind.Queue, "orders")]
    [InlineData("orders", JmsDestinationType.Topic, AmqpNodeKind.Topic, "orders")]
    [InlineData("orders", JmsDestinationType.TemporaryQueue, AmqpNodeKind.Queue, "orders")]
    [InlineData("orders", JmsDestinationType.TemporaryTopic, AmqpNodeKind.Topic, "orders")]
    [InlineData("orders", 9, AmqpNodeKind.Queue, "orders")]
    [InlineData("/queues/orders", JmsDestinationType.Topic, AmqpNodeKind.Queue, "orders")]
    public void TryResolve_To_NodeOfTheAddressForm(string to, int? jmsDest, AmqpNodeKind kind, string name)
    {
        var message = Message(to, jmsDest is { } dest ? (sbyte)dest : null);

        RelayDestination.TryResolve(message, out var address, out _, out var problem).Should().BeTrue(problem);

        address.Should().Be(new AmqpAddress(kind, name));
    }

    [Fact]
    public void TryResolve_AnnotationAsLong_IsHonoured()
    {
        var annotations = new AmqpMap();
        annotations.Add(JmsDestinationType.Annotation, 1L);

        RelayDestination.TryResolve(Message("orders", annotations), out var address, out _, out _).Should().BeTrue();

        address.Kind.Should().Be(AmqpNodeKind.Topic);
    }

    [Theory]
    [InlineData(null, "no 'to'")]
    [InlineData("", "no 'to'")]
    [InlineData("/topics/a/+", "names no node")]
    public void TryResolve_NoOrInvalidTo_NotFound(string? to, string reason)
    {
        RelayDestination.TryResolve(Message(to, (AmqpMap?)null), out _, out var condition, out var problem).Should().BeFalse();

        condition.Should().Be(AmqpErrorCondition.NotFound);
        problem.Should().Contain(reason);
    }

    private static ReadOnlySequence<byte> Message(string? to, sbyte? jmsDest)
    {
        AmqpMap? annotations = null;
        if (jmsDest is { } dest)
        {
            annotations = new AmqpMap();
            annotations.Add(JmsDestinationType.Annotation, dest);
        }
        return Message(to, annotations);
    }

    /// <summary>message-annotations (when given), properties with <paramref name="to"/>, one data section.</summary>
    private static ReadOnlySequence<byte> Message(string? to, AmqpMap? annotations)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AmqpWriter(output);
        if (annotations is not null)
        {
            writer.WriteDescriptor((ulong)MessageSectionKind.MessageAnnotations);
            writer.WriteMap(annotations);
        }
        writer.WriteComposite(new MessageProperties { MessageId = "m1", To = to });
        writer.WriteDescriptor((ulong)MessageSectionKind.Data);
        writer.WriteBinary("x"u8);
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }
}
