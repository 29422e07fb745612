using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp;

/// <summary>
/// Hot-path allocation budgets, measured on the calling thread: reading a transfer, flow or disposition frame and
/// writing a transfer frame allocate nothing (the reader reuses its per-message performatives).
/// </summary>
[Trait("Category", "Unit")]
public sealed class AllocationTests
{
    [Theory]
    [InlineData("transfer")]
    [InlineData("flow")]
    [InlineData("disposition")]
    public void TryRead_PerMessagePerformative_AllocatesNothing(string kind)
    {
        Performative performative = kind switch
        {
            "transfer" => new Transfer { Handle = 1, DeliveryId = 7, DeliveryTag = new byte[] { 1, 2, 3, 4 }, MessageFormat = 0, Settled = false },
            "flow" => new Flow { NextIncomingId = 1, IncomingWindow = 2048, NextOutgoingId = 1, OutgoingWindow = 2048, Handle = 0, DeliveryCount = 1, LinkCredit = 500 },
            _ => new Disposition { Role = Role.Receiver, First = 1, Last = 9, Settled = true, State = new Accepted() },
        };
        var bytes = AmqpWire.Frame(performative, channel: 0, kind == "transfer" ? new byte[1024] : null);
        var reader = new AmqpFrameReader();
        ReadOnce(reader, bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadOnce(reader, bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
    }

    [Fact]
    public void WriteFrame_Transfer_AllocatesNothing()
    {
        var transfer = new Transfer { Handle = 1, DeliveryId = 7, DeliveryTag = new byte[] { 1, 2, 3, 4 }, MessageFormat = 0 };
        var payload = new ReadOnlySequence<byte>(new byte[1024]);
        var output = new ArrayBufferWriter<byte>(4096);
        AmqpFrameWriter.WriteFrame(output, 0, transfer, payload);
        output.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        AmqpFrameWriter.WriteFrame(output, 0, transfer, payload);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
    }

    [Fact]
    public void MessageSectionsReader_Split_AllocatesNothing()
    {
        var message = AmqpWire.Encode(new MessageHeader { Durable = true })
            .Concat(AmqpWire.Encode(new MessageProperties { Subject = "s" }))
            .Concat(new byte[] { 0x00, 0x53, 0x75, 0xA0, 0x02, 0x01, 0x02 })
            .ToArray();
        var sequence = new ReadOnlySequence<byte>(message);
        Split(sequence);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = Split(sequence);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        count.Should().Be(3);
        allocated.Should().Be(0);
    }

    [Fact]
    public void ReadSymbol_SeenBefore_AllocatesNothing()
    {
        var bytes = AmqpWire.Encode(new AmqpSymbol("x-opt-jms-dest"));
        ReadSymbol(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var symbol = ReadSymbol(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        symbol.Value.Should().Be("x-opt-jms-dest");
        allocated.Should().Be(0);
    }

    [Fact]
    public void ReadSymbol_SameSymbolTwice_ReturnsTheInternedString()
    {
        var bytes = AmqpWire.Encode(new AmqpSymbol("amqp:link:stolen"));

        ReferenceEquals(ReadSymbol(bytes).Value, ReadSymbol(bytes).Value).Should().BeTrue();
    }

    private static AmqpSymbol ReadSymbol(byte[] bytes)
    {
        var reader = new AmqpReader(new ReadOnlySequence<byte>(bytes));
        return reader.ReadSymbol();
    }

    private static int Split(ReadOnlySequence<byte> message)
    {
        var reader = new MessageSectionsReader(message);
        var count = 0;
        while (reader.TryRead(out _))
        {
            count++;
        }
        return count;
    }

    private static void ReadOnce(AmqpFrameReader reader, byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        if (!reader.TryRead(ref buffer, uint.MaxValue, out _))
        {
            throw new InvalidOperationException("The frame did not decode.");
        }
    }
}
