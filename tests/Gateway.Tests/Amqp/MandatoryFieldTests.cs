using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>Part 1 §1.4: a mandatory field is never null; the decoder checks this in one place and names the field.</summary>
[Trait("Category", "Unit")]
public sealed class MandatoryFieldTests
{
    /// <summary>Descriptor code, frame type, and the first mandatory field (null when the performative has none).</summary>
    public static TheoryData<ulong, FrameType, string?> Performatives => new()
    {
        { Open.Code, FrameType.Amqp, "container-id" },
        { Begin.Code, FrameType.Amqp, "next-outgoing-id" },
        { Attach.Code, FrameType.Amqp, "name" },
        { Flow.Code, FrameType.Amqp, "incoming-window" },
        { Transfer.Code, FrameType.Amqp, "handle" },
        { Disposition.Code, FrameType.Amqp, "role" },
        { Detach.Code, FrameType.Amqp, "handle" },
        { End.Code, FrameType.Amqp, null },
        { Close.Code, FrameType.Amqp, null },
        { SaslMechanisms.Code, FrameType.Sasl, "sasl-server-mechanisms" },
        { SaslInit.Code, FrameType.Sasl, "mechanism" },
        { SaslChallenge.Code, FrameType.Sasl, "challenge" },
        { SaslResponse.Code, FrameType.Sasl, "response" },
        { SaslOutcome.Code, FrameType.Sasl, "code" },
    };

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_EmptyFieldList_ReportsFirstMandatoryField(ulong code, FrameType type, string? mandatory)
    {
        var frame = PerformativeRoundTripTests.FrameOf(type, [0x00, 0x53, (byte)code, 0x45]);

        var act = () => AmqpWire.ReadFrame(frame);

        if (mandatory is null)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<AmqpDecodeException>()
                .Where(e => e.Condition == AmqpDecodeException.DecodeError)
                .WithMessage($"*'{mandatory}'*");
        }
    }

    [Fact]
    public void TryRead_FlowMissingLaterMandatoryField_NamesIt()
    {
        // incoming-window and next-outgoing-id present, outgoing-window null.
        var frame = PerformativeRoundTripTests.FrameOf(FrameType.Amqp, Hex.Parse("00 53 13 C0 05 04 40 43 43 40"));

        var act = () => AmqpWire.ReadFrame(frame);

        act.Should().Throw<AmqpDecodeException>().WithMessage("*amqp:flow:list*'outgoing-window'*");
    }

    [Fact]
    public void ReadComposite_ErrorWithoutCondition_Throws()
    {
        var act = () => AmqpWire.Read(Hex.Parse("00 53 1D 45"), (ref AmqpReader r) => r.ReadComposite<Error>());

        act.Should().Throw<AmqpDecodeException>().WithMessage("*amqp:error:list*'condition'*");
    }

    [Fact]
    public void DeliveryStateRead_ReceivedWithoutSectionOffset_Throws()
    {
        var act = () => AmqpWire.Read(Hex.Parse("00 53 23 C0 02 01 43"), (ref AmqpReader r) => DeliveryState.Read(ref r));

        act.Should().Throw<AmqpDecodeException>().WithMessage("*amqp:received:list*'section-offset'*");
    }
}
