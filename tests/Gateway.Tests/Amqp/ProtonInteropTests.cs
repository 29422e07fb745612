using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp;

/// <summary>
/// Real bytes from qpid-proton (Debian's python3-qpid-proton): messages as proton encodes them, and everything a proton
/// client writes on a connection. They must split, decode and reassemble byte for byte.
/// </summary>
[Trait("Category", "Unit")]
[Trait("Category", "Interop")]
public sealed class ProtonInteropTests
{
    private const string EncodeMessages = """
        import json, uuid
        from proton import Message, symbol
        out = {}
        m = Message()
        m.durable = True; m.priority = 7; m.ttl = 1.5; m.first_acquirer = True; m.delivery_count = 2
        m.instructions = {symbol('x-opt-delivery'): 1}
        m.annotations = {symbol('x-opt-jms-dest'): 0, symbol('x-opt-to'): 'queue://orders'}
        m.id = 42; m.user_id = b'user'; m.address = 'queue://orders'; m.subject = 'order-created'
        m.reply_to = 'queue://replies'; m.correlation_id = 'corr-1'
        m.content_type = 'application/json'; m.content_encoding = 'utf-8'
        m.expiry_time = 1700000000.0; m.creation_time = 1699999999.5
        m.group_id = 'g'; m.group_sequence = 5; m.reply_to_group_id = 'rg'
        m.properties = {'color': 'red', 'count': 5, 'ratio': 0.5, 'flag': True, 'none': None}
        m.body = '{"id": 1}'
        out['full'] = m.encode().hex()
        out['data'] = Message(body=b'\x00\x01\x02', inferred=True).encode().hex()
        out['sequence'] = Message(body=[1, 'two', 3.0], inferred=True).encode().hex()
        out['map-body'] = Message(body={'k': [1, 2]}).encode().hex()
        m = Message(id=uuid.UUID('00112233-4455-6677-8899-aabbccddeeff'), correlation_id=b'\x01\x02', subject='no-body')
        out['no-body'] = m.encode().hex()
        print(json.dumps(out))
        """;

    private const string DecodeMessage = """
        import json, sys
        from proton import Message
        m = Message(); m.decode(bytes.fromhex(sys.argv[1]))
        print(json.dumps({
            'durable': m.durable, 'priority': m.priority, 'ttl': m.ttl, 'first_acquirer': m.first_acquirer,
            'delivery_count': m.delivery_count, 'id': m.id, 'subject': m.subject, 'address': m.address,
            'correlation_id': m.correlation_id, 'properties': m.properties, 'body': m.body,
            'annotations': {str(k): v for k, v in m.annotations.items()},
            'instructions': {str(k): v for k, v in m.instructions.items()}}))
        """;

    private const string ClientConnection = """
        import json
        from proton import Transport, Connection, Endpoint, Message
        capture = bytearray()
        ct = Transport(); cc = Connection(); cc.container = 'proton-client'; cc.hostname = 'gateway'; ct.bind(cc)
        ct.sasl().allowed_mechs('ANONYMOUS')
        st = Transport(Transport.SERVER); st.max_frame_size = 4096; sc = Connection(); st.bind(sc)
        st.sasl().allowed_mechs('ANONYMOUS')
        def pump():
            moved = True
            while moved:
                moved = False
                for x, y, cap in ((ct, st, True), (st, ct, False)):
                    out = x.peek(1 << 20)
                    if out:
                        y.push(out); x.pop(len(out)); moved = True
                        if cap: capture.extend(out)
        cc.open(); ssn = cc.session(); ssn.open()
        snd = ssn.sender('sender-link'); snd.target.address = 'queue://orders'; snd.open()
        pump()
        sc.open(); s2 = sc.session_head(Endpoint.LOCAL_UNINIT); s2.open()
        l2 = sc.link_head(Endpoint.LOCAL_UNINIT); l2.target.copy(l2.remote_target); l2.open(); l2.flow(10)
        pump()
        encoded = Message(body='x' * 10000, subject='big', properties={'k': 'v'}, durable=True).encode()
        snd.delivery('tag-1'); snd.send(encoded); snd.advance()
        pump()
        print(json.dumps({'capture': capture.hex(), 'message': encoded.hex()}))
        """;

    [Fact]
    public void MessageSectionsReader_ProtonMessages_SplitIntoExpectedSectionsByteExact()
    {
        var messages = RunJson(EncodeMessages);
        var expected = new Dictionary<string, MessageSectionKind[]>
        {
            ["full"] =
            [
                MessageSectionKind.Header, MessageSectionKind.DeliveryAnnotations, MessageSectionKind.MessageAnnotations,
                MessageSectionKind.Properties, MessageSectionKind.ApplicationProperties, MessageSectionKind.AmqpValue,
            ],
            ["data"] = [MessageSectionKind.Header, MessageSectionKind.Properties, MessageSectionKind.Data],
            ["sequence"] = [MessageSectionKind.Header, MessageSectionKind.Properties, MessageSectionKind.AmqpSequence],
            ["map-body"] = [MessageSectionKind.Header, MessageSectionKind.Properties, MessageSectionKind.AmqpValue],
            ["no-body"] = [MessageSectionKind.Header, MessageSectionKind.Properties],
        };

        foreach (var (name, kinds) in expected)
        {
            var bytes = Convert.FromHexString(messages.GetProperty(name).GetString()!);

            var sections = MessageSectionsReaderTests.Split(new ReadOnlySequence<byte>(bytes));

            sections.Select(s => s.Kind).Should().Equal(kinds, name);
            sections.SelectMany(s => s.Raw.ToArray()).Should().Equal(bytes, $"{name} reassembles byte for byte");
            foreach (var section in sections)
            {
                // Every section value also decodes, and our encoding of it decodes to the same value.
                var value = section.DecodeValue();
                AmqpWire.Decode(AmqpWire.Encode(value)).Should().Be(value, $"{name} {section.Kind}");
            }
        }
    }

    [Fact]
    public void MessageSectionsReader_ProtonFullMessage_PropertiesAndApplicationPropertiesDecode()
    {
        var bytes = Convert.FromHexString(RunJson(EncodeMessages).GetProperty("full").GetString()!);
        var sections = MessageSectionsReaderTests.Split(new ReadOnlySequence<byte>(bytes));

        var header = sections[0].DecodeHeader();
        header.Should().BeEquivalentTo(new MessageHeader { Durable = true, Priority = 7, Ttl = 1500, FirstAcquirer = true, DeliveryCount = 2 });

        var properties = sections[3].DecodeProperties();
        properties.MessageId.Should().Be((AmqpValue)42ul);
        properties.UserId!.Value.ToArray().Should().Equal(Encoding.ASCII.GetBytes("user"));
        properties.To.Should().Be("queue://orders");
        properties.Subject.Should().Be("order-created");
        properties.ReplyTo.Should().Be("queue://replies");
        properties.CorrelationId.Should().Be((AmqpValue)"corr-1");
        properties.ContentType.Should().Be(new AmqpSymbol("application/json"));
        properties.ContentEncoding.Should().Be(new AmqpSymbol("utf-8"));
        properties.AbsoluteExpiryTime.Should().Be(new AmqpTimestamp(1_700_000_000_000));
        properties.CreationTime.Should().Be(new AmqpTimestamp(1_699_999_999_500));
        properties.GroupId.Should().Be("g");
        properties.GroupSequence.Should().Be(5);
        properties.ReplyToGroupId.Should().Be("rg");

        var applicationProperties = sections[4].DecodeMap();
        applicationProperties.Should().Equal(new AmqpMap
        {
            { "color", "red" },
            { "count", 5L },
            { "ratio", 0.5 },
            { "flag", true },
            { "none", AmqpValue.Null },
        });
        sections[5].DecodeValue().Should().Be((AmqpValue)"{\"id\": 1}");
        sections[2].DecodeMap()[new AmqpSymbol("x-opt-to")].Should().Be((AmqpValue)"queue://orders");
    }

    [Fact]
    public void ProtonDecode_HeaderReencodedRestPassedThrough_KeepsEveryOtherSection()
    {
        // The broker raises delivery-count on redelivery: a new header, the other sections passed through raw.
        var original = Convert.FromHexString(RunJson(EncodeMessages).GetProperty("full").GetString()!);
        var sections = MessageSectionsReaderTests.Split(new ReadOnlySequence<byte>(original));
        var header = sections[0].DecodeHeader();
        header.DeliveryCount++;
        var rewritten = AmqpWire.Encode(header).Concat(sections.Skip(1).SelectMany(s => s.Raw.ToArray())).ToArray();

        var before = RunJson(DecodeMessage, Convert.ToHexString(original));
        var after = RunJson(DecodeMessage, Convert.ToHexString(rewritten));

        after.GetProperty("delivery_count").GetInt32().Should().Be(3);
        foreach (var field in new[] { "durable", "priority", "ttl", "first_acquirer", "id", "subject", "address", "correlation_id", "properties", "body", "annotations", "instructions" })
        {
            after.GetProperty(field).GetRawText().Should().Be(before.GetProperty(field).GetRawText(), field);
        }
    }

    [Fact]
    public void TryRead_ProtonClientConnection_DecodesEveryFrameAndReassemblesTheMessage()
    {
        var result = RunJson(ClientConnection);
        var capture = Convert.FromHexString(result.GetProperty("capture").GetString()!);
        var message = Convert.FromHexString(result.GetProperty("message").GetString()!);
        var buffer = new ReadOnlySequence<byte>(capture);
        var reader = new AmqpFrameReader();

        ProtocolHeader.TryRead(ref buffer, out var saslHeader).Should().BeTrue();
        saslHeader.Should().Be(ProtocolHeader.Sasl);
        reader.TryRead(ref buffer, AmqpFrameReader.MinMaxFrameSize, out var init).Should().BeTrue();
        init.Performative.Should().BeOfType<SaslInit>().Which.Mechanism.Should().Be(new AmqpSymbol("ANONYMOUS"));
        ProtocolHeader.TryRead(ref buffer, out var amqpHeader).Should().BeTrue();
        amqpHeader.Should().Be(ProtocolHeader.Amqp);

        var performatives = new List<string>();
        var payload = new List<byte>();
        while (reader.TryRead(ref buffer, 4096, out var frame))
        {
            performatives.Add(frame.Performative!.DescriptorName);
            switch (frame.Performative)
            {
                case Open open:
                    open.ContainerId.Should().Be("proton-client");
                    open.Hostname.Should().Be("gateway");
                    break;
                case Attach attach:
                    attach.LinkName.Should().Be("sender-link");
                    attach.Target!.Address.Should().Be("queue://orders");
                    break;
                case Transfer transfer:
                    frame.Header.Size.Should().BeLessThanOrEqualTo(4096);
                    payload.AddRange(frame.Payload.ToArray());
                    if (!transfer.More)
                    {
                        Encoding.ASCII.GetString(transfer.DeliveryTag!.Value.Span).Should().Be("tag-1");
                    }
                    break;
            }
        }

        buffer.Length.Should().Be(0, "the capture holds whole frames only");
        performatives.Take(3).Should().Equal(Open.Name, Begin.Name, Attach.Name);
        performatives.Count(p => p == Transfer.Name).Should().BeGreaterThan(2, "a 10 kB message crosses 4 kB frames");
        payload.Should().Equal(message, "the transfer payloads appended are the message proton encoded");
        MessageSectionsReaderTests.Split(new ReadOnlySequence<byte>([.. payload])).Last().DecodeValue().AsString().Should().HaveLength(10_000);
    }

    private static JsonElement RunJson(string script, params string[] arguments)
    {
        using var document = JsonDocument.Parse(ProtonPython.Run(script, arguments));
        return document.RootElement.Clone();
    }
}
