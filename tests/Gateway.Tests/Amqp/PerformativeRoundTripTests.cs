using System.Buffers;
using System.Text;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>Every performative and composite, with all fields and with only the mandatory ones, survives a round trip.</summary>
[Trait("Category", "Unit")]
public sealed class PerformativeRoundTripTests
{
    public static TheoryData<string> Performatives => AmqpSamples.Performatives;

    public static TheoryData<string> Composites => AmqpSamples.Composites;

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_WrittenFrame_DecodesEquivalentPerformative(string name)
    {
        var performative = AmqpSamples.Performative(name);
        var bytes = AmqpWire.Frame(performative, channel: 3);

        var frame = AmqpWire.ReadFrame(bytes);

        frame.Type.Should().Be(performative.FrameType);
        frame.Channel.Should().Be(performative.FrameType == FrameType.Sasl ? (ushort)0 : (ushort)3, "SASL frames ignore the channel and are written with 0");
        frame.Payload.Length.Should().Be(0);
        frame.Performative.ShouldBeEquivalentComposite(performative);
    }

    [Theory]
    [MemberData(nameof(Performatives))]
    public void Write_DecodedPerformative_ReproducesBytes(string name)
    {
        var bytes = AmqpWire.Frame(AmqpSamples.Performative(name), channel: 1);

        var frame = AmqpWire.ReadFrame(bytes);

        Hex.Format(AmqpWire.Frame(frame.Performative!, channel: 1)).Should().Be(Hex.Format(bytes), "the encoding is canonical");
    }

    [Theory]
    [MemberData(nameof(Composites))]
    public void ReadComposite_WrittenComposite_DecodesEquivalent(string name)
    {
        var composite = AmqpSamples.Composite(name);
        var bytes = AmqpWire.Encode(composite);

        var decoded = Decode(composite.GetType(), bytes);

        decoded.ShouldBeEquivalentComposite(composite);
        Hex.Format(AmqpWire.Encode(decoded)).Should().Be(Hex.Format(bytes));
    }

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_SymbolicDescriptor_DecodesLikeNumericDescriptor(string name)
    {
        // Part 1 §1.5: a descriptor is a ulong or a symbol; "amqp:open:list" and 0x10 name the same type.
        var performative = AmqpSamples.Performative(name);
        var body = AmqpWire.Encode(performative);
        var symbolic = AmqpWire.Write((ref AmqpWriter w) =>
        {
            w.WriteDescriptor(new AmqpSymbol(performative.DescriptorName));
            w.WriteRaw(body.AsSpan(3));
        });
        var frame = FrameOf(performative.FrameType, symbolic);

        AmqpWire.ReadFrame(frame).Performative.ShouldBeEquivalentComposite(performative);
    }

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_AllFieldsWrittenAsExplicitNulls_DecodesDefaults(string name)
    {
        // Peers such as qpid-proton write every field, trailing nulls included: null means the default.
        var performative = AmqpSamples.Performative(name);
        if (!name.EndsWith("-minimal", StringComparison.Ordinal))
        {
            return;
        }
        var minimal = AmqpWire.Encode(performative);
        var reader = new AmqpReader(new ReadOnlySequence<byte>(minimal));
        reader.ReadDescriptor();
        var count = reader.ReadListHeader(out var length);
        var fields = minimal.AsSpan((int)reader.Consumed, length).ToArray();
        var padded = AmqpWire.Write((ref AmqpWriter w) =>
        {
            w.WriteDescriptor(performative.DescriptorCode);
            w.WriteListHeader(count + 12, length + 12);
            w.WriteRaw(fields);
            for (var i = 0; i < 12; i++)
            {
                w.WriteNull();
            }
        });

        AmqpWire.ReadFrame(FrameOf(performative.FrameType, padded)).Performative.ShouldBeEquivalentComposite(performative);
    }

    [Fact]
    public void TryRead_FieldsBeyondThisVersion_AreIgnored()
    {
        // A later version may append fields: close with error null, then an extra uint and an extra string.
        var frame = FrameOf(FrameType.Amqp, Hex.Parse("00 53 18 C0 06 03 40 52 07 A1 00"));

        AmqpWire.ReadFrame(frame).Performative.Should().BeOfType<Close>().Which.Error.Should().BeNull();
    }

    [Fact]
    public void TryRead_TransferWithPayload_PayloadIsTheRestOfTheFrame()
    {
        var transfer = (Transfer)AmqpSamples.Performative("transfer-minimal");
        var payload = Encoding.UTF8.GetBytes("message bytes");

        var frame = AmqpWire.ReadFrame(AmqpWire.Frame(transfer, channel: 0, payload));

        frame.Payload.ToArray().Should().Equal(payload);
    }

    [Fact]
    public void Write_OpenWithNullContainerId_ThrowsMandatoryFieldError()
    {
        var open = new Open { ContainerId = null! };

        var act = () => AmqpWire.Frame(open);

        act.Should().Throw<InvalidOperationException>().WithMessage("*mandatory*container-id*");
    }

    [Fact]
    public void Write_AttachWithNullName_ThrowsMandatoryFieldError()
    {
        var act = () => AmqpWire.Frame(new Attach { LinkName = null! });

        act.Should().Throw<InvalidOperationException>().WithMessage("*mandatory*'name'*");
    }

    [Fact]
    public void Write_OpenWithDefaults_OmitsTrailingDefaultFields()
    {
        // container-id "c", every other field at its default: one field, so list8 with count 1.
        var bytes = AmqpWire.Encode(new Open { ContainerId = "c" });

        Hex.Format(bytes).Should().Be("00 53 10 C0 04 01 A1 01 63");
    }

    [Fact]
    public void Write_DefaultValueInMiddle_WritesNull()
    {
        // max-frame-size at its default (null) but channel-max set: the null stays in place.
        var bytes = AmqpWire.Encode(new Open { ContainerId = "c", ChannelMax = 1 });

        Hex.Format(bytes).Should().Be("00 53 10 C0 09 04 A1 01 63 40 40 60 00 01");
    }

    internal static byte[] FrameOf(FrameType type, byte[] body)
    {
        var frame = new byte[8 + body.Length];
        new FrameHeader((uint)frame.Length, 2, type, 0).Write(frame);
        body.CopyTo(frame, 8);
        return frame;
    }

    private static AmqpComposite Decode(Type type, byte[] bytes)
    {
        var target = (AmqpComposite)Activator.CreateInstance(type)!;
        AmqpWire.Read(bytes, (ref AmqpReader r) =>
        {
            r.ReadComposite(target);
            return target;
        });
        return target;
    }
}
