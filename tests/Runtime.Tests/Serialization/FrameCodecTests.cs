using System.Buffers;
using Runtime.Identity;
using Runtime.Messaging;
using Runtime.Serialization;
using Runtime.Tests.Grains;

namespace Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class FrameCodecTests
{
    public FrameCodecTests() => TestGrains.RegisterWireTypes();

    private static byte[] Encode(Frame frame, int max = 1 << 20)
    {
        var output = new ArrayBufferWriter<byte>();
        FrameCodec.Write(frame, new ArrayBufferWriter<byte>(), output, max);
        return output.WrittenSpan.ToArray();
    }

    public static TheoryData<string> Frames => ["request", "oneway", "notify", "ok", "error", "ping"];

    private static Frame Sample(string name) => name switch
    {
        "request" => new Frame
        {
            Kind = FrameKind.Request, CorrelationId = 42, ViewVersion = 7, TtlMilliseconds = 3000,
            Target = GrainId.Create("counter", "ünïcode/key"), Body = new AddToCounter(-5),
        },
        "oneway" => new Frame { Kind = FrameKind.OneWay, Target = GrainId.Create("probe", ""), Body = new WhoAreYou(true) },
        "notify" => new Frame { Kind = FrameKind.ObserverNotify, Observer = new ObserverId("client-1", 9), Body = new StringValue("hi") },
        "ok" => Frame.Response(ulong.MaxValue, new CounterSnapshot(long.MinValue, "S127.0.0.1:1:2@3", 4)),
        "error" => Frame.Error(5, CallStatus.NotOwner, "NotOwner", "not mine", 12),
        _ => new Frame { Kind = FrameKind.Ping, CorrelationId = 1 },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Write_ThenTryRead_RoundTrips(string name)
    {
        var frame = Sample(name);
        var sequence = new ReadOnlySequence<byte>(Encode(frame));

        FrameCodec.TryRead(ref sequence, 1 << 20, out var decoded).Should().BeTrue();

        sequence.Length.Should().Be(0);
        decoded.Should().BeEquivalentTo(frame, o => o.RespectingRuntimeTypes());
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryRead_EveryPrefix_NeedsMoreBytes(string name)
    {
        var bytes = Encode(Sample(name));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, cut);
            FrameCodec.TryRead(ref partial, 1 << 20, out _).Should().BeFalse($"{cut} of {bytes.Length} bytes is not a whole frame");
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryRead_SplitIntoSegmentsAtEveryPoint_Decodes(string name)
    {
        var frame = Sample(name);
        var bytes = Encode(frame);
        for (var split = 1; split < bytes.Length; split++)
        {
            var sequence = TwoSegments(bytes, split);
            FrameCodec.TryRead(ref sequence, 1 << 20, out var decoded).Should().BeTrue();
            decoded.Should().BeEquivalentTo(frame, o => o.RespectingRuntimeTypes());
        }
    }

    [Fact]
    public void TryRead_LengthOverMaximum_ThrowsBeforeTheBodyArrives()
    {
        var bytes = Encode(Sample("request"));
        var onlyPrefix = new ReadOnlySequence<byte>(bytes, 0, 4);
        var act = () => FrameCodec.TryRead(ref onlyPrefix, 16, out _);
        act.Should().Throw<WireFormatException>().WithMessage("*outside*");
    }

    [Fact]
    public void TryRead_UnknownKind_Throws()
    {
        var bytes = Encode(Sample("ping"));
        bytes[4] = 0x7F;
        var sequence = new ReadOnlySequence<byte>(bytes);
        var act = () => FrameCodec.TryRead(ref sequence, 1 << 20, out _);
        act.Should().Throw<WireFormatException>();
    }

    [Fact]
    public void TryRead_UnregisteredWireType_Throws()
    {
        var bytes = Encode(Sample("oneway"));
        // The message's type id follows the grain kind "probe" and the empty key: corrupt it.
        var index = bytes.Length - 2;
        bytes[index] ^= 0x55;
        var sequence = new ReadOnlySequence<byte>(bytes);
        var act = () => FrameCodec.TryRead(ref sequence, 1 << 20, out _);
        act.Should().Throw<WireFormatException>();
    }

    [Fact]
    public void TryRead_TrailingBytesInsideFrame_Throws()
    {
        var bytes = Encode(Sample("ping")).ToList();
        bytes.Add(0);
        var length = (uint)(bytes.Count - 4);
        bytes[0] = (byte)(length >> 24);
        bytes[1] = (byte)(length >> 16);
        bytes[2] = (byte)(length >> 8);
        bytes[3] = (byte)length;
        var sequence = new ReadOnlySequence<byte>(bytes.ToArray());
        var act = () => FrameCodec.TryRead(ref sequence, 1 << 20, out _);
        act.Should().Throw<WireFormatException>().WithMessage("*trailing*");
    }

    [Fact]
    public void Write_FrameOverMaximum_Throws()
    {
        var frame = new Frame { Kind = FrameKind.OneWay, Target = GrainId.Create("probe", new string('x', 5000)), Body = new WhoAreYou(false) };
        var act = () => Encode(frame, max: 1024);
        act.Should().Throw<InvalidOperationException>().WithMessage("*exceeds*");
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int split)
    {
        var first = new Segment(bytes.AsMemory(0, split));
        var second = first.Append(bytes.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
