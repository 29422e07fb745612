using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>The protocol header exchange of Part 2 §2.2 and Part 5 §5.3.1.</summary>
[Trait("Category", "Unit")]
public sealed class ProtocolHeaderTests
{
    [Theory]
    [InlineData("41 4D 51 50 00 01 00 00", ProtocolId.Amqp)]
    [InlineData("41 4D 51 50 03 01 00 00", ProtocolId.Sasl)]
    public void TryRead_SupportedHeader_ReadsAndConsumesEightBytes(string hex, ProtocolId id)
    {
        var buffer = new ReadOnlySequence<byte>([.. Hex.Parse(hex), 0x00, 0x00]);

        ProtocolHeader.TryRead(ref buffer, out var header).Should().BeTrue();

        header.IsAmqp.Should().BeTrue();
        header.IsSupported.Should().BeTrue();
        header.Id.Should().Be(id);
        (header.Major, header.Minor, header.Revision).Should().Be(((byte)1, (byte)0, (byte)0));
        buffer.Length.Should().Be(2, "only the header is consumed");
    }

    [Fact]
    public void TryRead_EveryProperPrefix_ReturnsFalseAndLeavesBufferUnchanged()
    {
        var bytes = Hex.Parse("41 4D 51 50 03 01 00 00");
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            ProtocolHeader.TryRead(ref buffer, out _).Should().BeFalse($"{length} bytes are not a header");

            buffer.Length.Should().Be(length);
        }
    }

    [Fact]
    public void TryRead_SplitAtEveryPoint_ReadsSameHeader()
    {
        var bytes = Hex.Parse("41 4D 51 50 00 01 00 00");
        for (var at = 1; at < bytes.Length; at++)
        {
            var buffer = Sequences.Split(bytes, at);

            ProtocolHeader.TryRead(ref buffer, out var header).Should().BeTrue();

            header.Should().Be(ProtocolHeader.Amqp);
        }
    }

    [Theory]
    [InlineData("47")]
    [InlineData("47 45 54 20 2F 20 48 54 54 50")]
    [InlineData("41 4D 51 58")]
    public void TryRead_NotAmqp_AnswersAtOnceWithIsAmqpFalse(string hex)
    {
        // "GET / HTTP" or any bytes that cannot begin "AMQP": no need to wait for 8 of them.
        var buffer = new ReadOnlySequence<byte>(Hex.Parse(hex));

        ProtocolHeader.TryRead(ref buffer, out var header).Should().BeTrue();

        header.IsAmqp.Should().BeFalse();
        header.IsSupported.Should().BeFalse();
    }

    [Theory]
    [InlineData("41 4D 51 50 00 00 09 01")]
    [InlineData("41 4D 51 50 01 01 00 0A")]
    [InlineData("41 4D 51 50 02 01 00 00")]
    [InlineData("41 4D 51 50 00 01 00 01")]
    public void TryRead_OtherVersionOrProtocol_IsAmqpButUnsupported(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse(hex));

        ProtocolHeader.TryRead(ref buffer, out var header).Should().BeTrue();

        header.IsAmqp.Should().BeTrue();
        header.IsSupported.Should().BeFalse();
    }

    [Fact]
    public void Negotiate_SaslHeader_IsAcceptedAndEchoed()
    {
        ProtocolHeader.Negotiate(ProtocolHeader.Sasl, allowWithoutSasl: false, out var response).Should().BeTrue();

        response.Should().Be(ProtocolHeader.Sasl);
    }

    [Fact]
    public void Negotiate_AmqpHeaderWithoutSaslWhenNotAllowed_AnswersSaslHeaderThenClose()
    {
        ProtocolHeader.Negotiate(ProtocolHeader.Amqp, allowWithoutSasl: false, out var response).Should().BeFalse();

        response.Should().Be(ProtocolHeader.Sasl);
    }

    [Fact]
    public void Negotiate_AmqpHeaderWhenAllowed_IsAccepted()
    {
        ProtocolHeader.Negotiate(ProtocolHeader.Amqp, allowWithoutSasl: true, out var response).Should().BeTrue();

        response.Should().Be(ProtocolHeader.Amqp);
    }

    [Fact]
    public void Negotiate_Amqp091Header_AnswersSupportedHeaderThenClose()
    {
        // §2.2: "the server MUST send a protocol header with a supported protocol version and then close the socket".
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("41 4D 51 50 00 00 09 01"));
        ProtocolHeader.TryRead(ref buffer, out var requested);

        ProtocolHeader.Negotiate(requested, allowWithoutSasl: true, out var response).Should().BeFalse();

        response.Should().Be(ProtocolHeader.Amqp);
    }

    [Fact]
    public void Negotiate_Garbage_AnswersSaslHeaderThenClose()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("16 03 01"));
        ProtocolHeader.TryRead(ref buffer, out var requested);

        ProtocolHeader.Negotiate(requested, allowWithoutSasl: true, out var response).Should().BeFalse();

        response.Should().Be(ProtocolHeader.Sasl);
    }

    [Fact]
    public void Write_SaslAndAmqp_WriteSpecBytes()
    {
        var output = new ArrayBufferWriter<byte>();

        ProtocolHeader.Sasl.Write(output);
        ProtocolHeader.Amqp.Write(output);

        Hex.Format(output.WrittenSpan).Should().Be("41 4D 51 50 03 01 00 00 41 4D 51 50 00 01 00 00");
    }
}
