using System.Buffers;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;
using Grains.Interfaces.Messages;

namespace Gateway.Tests.Amqp.Bridge;

/// <summary>An AMQP message stored as a <see cref="BrokerMessage"/> and delivered again keeps every section but the header
/// byte for byte, however the received bytes were split; messages from other protocols get sections built from their fields.</summary>
public sealed class AmqpMessageMappingTests
{
    private const long Now = 1_700_000_000_000;

    [Theory]
    [InlineData(16, 1)]
    [InlineData(16, 7)]
    [InlineData(200_000, 4096)]
    [InlineData(200_000, 1)]
    public void AmqpOrigin_DataBody_SplitAnyWay_DeliveredSectionsEqualSentOnes(int bodySize, int chunk)
    {
        var body = new byte[bodySize];
        new Random(bodySize).NextBytes(body);
        var (sent, bare) = Encode(w =>
        {
            w.WriteDescriptor((ulong)MessageSectionKind.Data);
            w.WriteBinary(body);
        });

        var message = AmqpMessageMapping.FromAmqp(Chunked(sent, chunk), "q", "m1", "c", settled: false, Now);
        message.Payload.ToArray().Should().Equal(body);
        var delivered = Deliver(message, deliveryCount: 2);

        WithoutHeader(delivered).Should().Equal(bare);
        Header(delivered).DeliveryCount.Should().Be(2);
        Header(delivered).Durable.Should().BeTrue();
        Header(delivered).Priority.Should().Be(6);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public void AmqpOrigin_StringValueBody_KeepsItsWidthAndText(int length)
    {
        var text = new string('é', length);
        var (sent, bare) = Encode(w =>
        {
            w.WriteDescriptor((ulong)MessageSectionKind.AmqpValue);
            w.WriteString(text);
        });

        var message = AmqpMessageMapping.FromAmqp(new ReadOnlySequence<byte>(sent), "q", "m1", null, settled: true, Now);

        System.Text.Encoding.UTF8.GetString(message.Payload.Span).Should().Be(text, "other protocols get the text as UTF-8");
        message.PayloadIsUtf8.Should().BeTrue();
        message.Qos.Should().Be(0, "a pre-settled send is at most once");
        WithoutHeader(Deliver(message, 0)).Should().Equal(bare);
    }

    [Fact]
    public void AmqpOrigin_FieldsMappedForOtherProtocolsAndSelectors()
    {
        var (sent, _) = Encode(w =>
        {
            w.WriteDescriptor((ulong)MessageSectionKind.Data);
            w.WriteBinary("x"u8);
        });

        var message = AmqpMessageMapping.FromAmqp(new ReadOnlySequence<byte>(sent), "orders", "m1", "c", settled: false, Now);

        message.ContentType.Should().Be("application/json");
        message.ReplyTo.Should().Be("/queues/replies");
        message.GroupId.Should().Be("g1");
        System.Text.Encoding.UTF8.GetString(message.CorrelationData!.Value.Span).Should().Be("corr");
        message.Properties.Should().Equal(new MessageProperty("color", "red"), new MessageProperty("weight", "12"));
        message.ExpiresAt.Should().Be(Now + 5000);
        message.Priority.Should().Be(6);
        message.Durable.Should().BeTrue();
    }

    [Fact]
    public void OtherOrigin_Utf8Payload_DeliveredAsStringValueWithProperties()
    {
        var message = new BrokerMessage
        {
            MessageId = "m1",
            Address = "sensors/1",
            Payload = "21.5"u8.ToArray(),
            PayloadIsUtf8 = true,
            ContentType = "text/plain",
            Properties = [new MessageProperty("unit", "C"), new MessageProperty("unit", "F")],
            CreatedAt = Now,
        };

        var delivered = Deliver(message, 0);

        var reader = new MessageSectionsReader(new ReadOnlySequence<byte>(delivered));
        var kinds = new List<MessageSectionKind>();
        AmqpMap? application = null;
        string? body = null;
        while (reader.TryRead(out var section))
        {
            kinds.Add(section.Kind);
            if (section.Kind == MessageSectionKind.ApplicationProperties)
            {
                application = section.DecodeMap();
            }
            if (section.Kind == MessageSectionKind.AmqpValue)
            {
                body = section.DecodeValue().AsString();
            }
        }
        kinds.Should().Equal(MessageSectionKind.Header, MessageSectionKind.Properties, MessageSectionKind.ApplicationProperties, MessageSectionKind.AmqpValue);
        body.Should().Be("21.5");
        application!.Count.Should().Be(1, "a repeated MQTT user property keeps its first value (map keys are unique)");
        application["unit"].AsString().Should().Be("C");
    }

    [Fact]
    public void NoBody_IsADecodeError()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AmqpWriter(output);
        writer.WriteComposite(new MessageHeader { Durable = true });

        var act = () => AmqpMessageMapping.FromAmqp(new ReadOnlySequence<byte>(output.WrittenMemory), "q", "m", null, false, Now);

        act.Should().Throw<AmqpDecodeException>().WithMessage("*no body*");
    }

    /// <summary>A message with header, message-annotations, properties, application-properties, the given body and a
    /// footer; returns it and the part after the header (what must come back unchanged).</summary>
    private static (byte[] Whole, byte[] AfterHeader) Encode(Action<AmqpWriterBox> body)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AmqpWriter(output);
        writer.WriteComposite(new MessageHeader { Durable = true, Priority = 6, Ttl = 5000 });
        var headerLength = output.WrittenCount;
        writer.WriteDescriptor((ulong)MessageSectionKind.DeliveryAnnotations);
        var deliveryAnnotations = new AmqpMap();
        deliveryAnnotations.Add(new AmqpSymbol("x-hop"), "dropped");
        writer.WriteMap(deliveryAnnotations);
        var afterDeliveryAnnotations = output.WrittenCount;
        writer.WriteDescriptor((ulong)MessageSectionKind.MessageAnnotations);
        var annotations = new AmqpMap();
        annotations.Add(new AmqpSymbol("x-opt-jms-msg-type"), (sbyte)5);
        writer.WriteMap(annotations);
        writer.WriteComposite(new MessageProperties
        {
            MessageId = "app-id",
            ContentType = new AmqpSymbol("application/json"),
            ReplyTo = "/queues/replies",
            CorrelationId = "corr",
            GroupId = "g1",
        });
        writer.WriteDescriptor((ulong)MessageSectionKind.ApplicationProperties);
        var application = new AmqpMap();
        application.Add("color", "red");
        application.Add("weight", 12);
        writer.WriteMap(application);
        var box = new AmqpWriterBox(output);
        body(box);
        writer = new AmqpWriter(output);
        writer.WriteDescriptor((ulong)MessageSectionKind.Footer);
        var footer = new AmqpMap();
        footer.Add(new AmqpSymbol("x-hash"), "abc");
        writer.WriteMap(footer);
        var whole = output.WrittenSpan.ToArray();
        _ = headerLength;
        return (whole, whole[afterDeliveryAnnotations..]);
    }

    private static byte[] Deliver(BrokerMessage message, int deliveryCount)
    {
        var output = new ArrayBufferWriter<byte>();
        AmqpMessageMapping.WriteDelivery(message, deliveryCount, Now, output);
        return output.WrittenSpan.ToArray();
    }

    private static MessageHeader Header(byte[] delivered)
    {
        var reader = new MessageSectionsReader(new ReadOnlySequence<byte>(delivered));
        reader.TryRead(out var header).Should().BeTrue();
        return header.DecodeHeader();
    }

    private static byte[] WithoutHeader(byte[] delivered)
    {
        var reader = new MessageSectionsReader(new ReadOnlySequence<byte>(delivered));
        reader.TryRead(out var header).Should().BeTrue();
        header.Kind.Should().Be(MessageSectionKind.Header);
        return delivered[(int)header.Raw.Length..];
    }

    private static ReadOnlySequence<byte> Chunked(byte[] bytes, int chunk) =>
        Sequences.FromChunks(bytes.Chunk(chunk).ToArray());

    /// <summary>Lets a lambda write with an <see cref="AmqpWriter"/> (a ref struct cannot be captured).</summary>
    public sealed class AmqpWriterBox(IBufferWriter<byte> output)
    {
        public void WriteDescriptor(ulong code) => new AmqpWriter(output).WriteDescriptor(code);

        public void WriteBinary(ReadOnlySpan<byte> value) => new AmqpWriter(output).WriteBinary(value);

        public void WriteString(string value) => new AmqpWriter(output).WriteString(value);
    }
}
