using System.Buffers;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp.Bridge;

/// <summary>The scheduled-delivery annotations behind the offered <c>DELAYED_DELIVERY</c> capability (Qpid JMS
/// <c>setDeliveryDelay</c>): <c>x-opt-delivery-time</c> (a timestamp or long) and <c>x-opt-delivery-delay</c> (ms) set
/// <c>DeliverAt</c>, and the annotations themselves stay in the message byte for byte with the JMS ones.</summary>
public sealed class ScheduledDeliveryMappingTests
{
    private const long Now = 1_700_000_000_000;

    [Fact]
    public void DeliveryDelay_Long_DeliverAtIsNowPlusDelay()
    {
        var message = AmqpMessageMapping.FromAmqp(Message(AmqpMessageMapping.DeliveryDelayAnnotation, 5_000L, out _), "q", "m", null, false, Now);

        message.DeliverAt.Should().Be(Now + 5_000);
    }

    [Fact]
    public void DeliveryTime_Timestamp_DeliverAtIsThatTime()
    {
        var message = AmqpMessageMapping.FromAmqp(
            Message(AmqpMessageMapping.DeliveryTimeAnnotation, AmqpValue.FromTimestamp(new AmqpTimestamp(Now + 60_000)), out _), "q", "m", null, false, Now);

        message.DeliverAt.Should().Be(Now + 60_000);
    }

    [Fact]
    public void JmsAnnotations_KeptByteExact_InTheDeliveredMessage()
    {
        var sent = Message(AmqpMessageMapping.DeliveryDelayAnnotation, 10L, out var annotationsSection);

        var message = AmqpMessageMapping.FromAmqp(sent, "q", "m", null, false, Now);
        var delivered = new ArrayBufferWriter<byte>();
        AmqpMessageMapping.WriteDelivery(message, 0, Now, delivered);

        delivered.WrittenSpan.IndexOf(annotationsSection).Should().BePositive("x-opt-jms-dest and x-opt-jms-msg-type come back as sent");
    }

    /// <summary>message-annotations with the JMS ones and <paramref name="key"/>, then one data section.</summary>
    private static ReadOnlySequence<byte> Message(AmqpSymbol key, AmqpValue value, out byte[] annotationsSection)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AmqpWriter(output);
        writer.WriteDescriptor((ulong)MessageSectionKind.MessageAnnotations);
        var annotations = new AmqpMap();
        annotations.Add(JmsDestinationType.Annotation, (sbyte)JmsDestinationType.Queue);
        annotations.Add(new AmqpSymbol("x-opt-jms-msg-type"), (sbyte)5);
        annotations.Add(key, value);
        writer.WriteMap(annotations);
        annotationsSection = output.WrittenSpan.ToArray();
        writer.WriteDescriptor((ulong)MessageSectionKind.Data);
        writer.WriteBinary("x"u8);
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }
}
