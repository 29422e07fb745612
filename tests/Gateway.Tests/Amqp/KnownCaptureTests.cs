using System.Buffers;
using System.Text;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>
/// The first bytes a qpid-proton client sends, built by hand from the spec (annotated field by field) and decoded.
/// Proton writes every field of a performative, trailing nulls included, and favours fixed-width encodings
/// (0x70 for uint, 0x60 for ushort) - unlike this writer, so these exercise the reader's tolerance.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KnownCaptureTests
{
    /// <summary>SASL header, then sasl-init ANONYMOUS with initial response "anonymous" (Part 5 §5.3.3.2).</summary>
    private const string SaslAnonymous = """
        41 4D 51 50 03 01 00 00
        00 00 00 24  02  01  00 00
        00 53 41
        C0 17 02
           A3 09 41 4E 4F 4E 59 4D 4F 55 53
           A0 09 61 6E 6F 6E 79 6D 6F 75 73
        """;

    /// <summary>AMQP header, then open, begin and a sending attach, as proton-c 0.37 encodes them.</summary>
    private const string OpenBeginAttach = """
        41 4D 51 50 00 01 00 00
        00 00 00 2D  02  00  00 00
        00 53 10
        C0 20 0A
           A1 08 63 6C 69 65 6E 74 2D 31
           A1 09 6C 6F 63 61 6C 68 6F 73 74
           40
           60 7F FF
           40 40 40 40 40 40
        00 00 00 1A  02  00  00 00
        00 53 11
        C0 0D 04
           40
           43
           70 7F FF FF FF
           70 7F FF FF FF
        00 00 00 50  02  00  00 00
        00 53 12
        C0 43 0E
           A1 0B 73 65 6E 64 65 72 2D 6C 69 6E 6B
           43
           42
           50 02
           50 00
           00 53 28 C0 0C 0B 40 43 40 43 42 40 40 40 40 40 40
           00 53 29 C0 12 07 A1 09 71 75 65 75 65 3A 2F 2F 71 43 40 43 42 40 40
           40
           42
           43
           44
           40 40 40
        """;

    [Fact]
    public void TryRead_ProtonSaslAnonymous_DecodesHeaderAndSaslInit()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse(SaslAnonymous));

        ProtocolHeader.TryRead(ref buffer, out var header).Should().BeTrue();
        header.Should().Be(ProtocolHeader.Sasl);
        new AmqpFrameReader().TryRead(ref buffer, AmqpFrameReader.MinMaxFrameSize, out var frame).Should().BeTrue();

        buffer.Length.Should().Be(0);
        frame.Type.Should().Be(FrameType.Sasl);
        var init = frame.Performative.Should().BeOfType<SaslInit>().Subject;
        init.Mechanism.Should().Be(new AmqpSymbol("ANONYMOUS"));
        Encoding.ASCII.GetString(init.InitialResponse!.Value.Span).Should().Be("anonymous");
        init.Hostname.Should().BeNull();
    }

    [Fact]
    public void TryRead_ProtonOpenBeginAttach_DecodesEveryField()
    {
        var buffer = Sequences.Split(Hex.Parse(OpenBeginAttach), 50);
        var reader = new AmqpFrameReader();

        ProtocolHeader.TryRead(ref buffer, out var header).Should().BeTrue();
        header.Should().Be(ProtocolHeader.Amqp);

        reader.TryRead(ref buffer, AmqpFrameReader.MinMaxFrameSize, out var openFrame).Should().BeTrue();
        var open = openFrame.Performative.Should().BeOfType<Open>().Subject;
        open.ContainerId.Should().Be("client-1");
        open.Hostname.Should().Be("localhost");
        open.MaxFrameSize.Should().Be(uint.MaxValue, "null means the default");
        open.ChannelMax.Should().Be(32767);
        open.IdleTimeOut.Should().BeNull();
        open.OfferedCapabilities.Should().BeNull();

        reader.TryRead(ref buffer, AmqpFrameReader.MinMaxFrameSize, out var beginFrame).Should().BeTrue();
        var begin = beginFrame.Performative.Should().BeOfType<Begin>().Subject;
        begin.RemoteChannel.Should().BeNull();
        begin.NextOutgoingId.Should().Be(0);
        begin.IncomingWindow.Should().Be(int.MaxValue);
        begin.OutgoingWindow.Should().Be(int.MaxValue);
        begin.HandleMax.Should().Be(uint.MaxValue);

        reader.TryRead(ref buffer, AmqpFrameReader.MinMaxFrameSize, out var attachFrame).Should().BeTrue();
        var attach = attachFrame.Performative.Should().BeOfType<Attach>().Subject;
        attach.LinkName.Should().Be("sender-link");
        attach.Handle.Should().Be(0);
        attach.Role.Should().Be(Role.Sender);
        attach.SndSettleMode.Should().Be(SenderSettleMode.Mixed);
        attach.RcvSettleMode.Should().Be(ReceiverSettleMode.First);
        attach.Source.Should().NotBeNull();
        attach.Source!.Address.Should().BeNull();
        attach.Source.Durable.Should().Be(TerminusDurability.None);
        attach.Source.ExpiryPolicy.Should().Be(TerminusExpiryPolicy.SessionEnd);
        attach.Target!.Address.Should().Be("queue://q");
        attach.Target.Dynamic.Should().BeFalse();
        attach.IncompleteUnsettled.Should().BeFalse();
        attach.InitialDeliveryCount.Should().Be(0);
        attach.MaxMessageSize.Should().Be(0);

        buffer.Length.Should().Be(0);
    }
}
