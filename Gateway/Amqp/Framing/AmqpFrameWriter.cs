using System.Buffers;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// Writes frames (Part 2 §2.3): the 8-byte header (DOFF 2, no extended header), the performative, then the payload.
/// The performative is measured first, so the frame is written straight into the output without buffering.
/// </summary>
public static class AmqpFrameWriter
{
    /// <summary>The size of the frame that would carry <paramref name="performative"/> and a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static long GetFrameSize(Performative? performative, long payloadLength) =>
        FrameHeader.Length + (performative is null ? 0 : AmqpWriter.GetEncodedSize(performative)) + payloadLength;

    /// <summary>
    /// Writes one frame. The frame type is the performative's; the channel is ignored on SASL frames and written as 0.
    /// The caller keeps frames within the peer's max-frame-size (see <see cref="GetFrameSize"/> and
    /// <see cref="WriteTransfer"/>).
    /// </summary>
    /// <returns>The frame size.</returns>
    public static int WriteFrame(IBufferWriter<byte> output, ushort channel, Performative performative, ReadOnlySequence<byte> payload = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(performative);
        var size = checked((int)GetFrameSize(performative, payload.Length));
        WriteHeader(output, size, performative.FrameType, performative.FrameType == FrameType.Sasl ? (ushort)0 : channel);
        var writer = new AmqpWriter(output);
        writer.WriteComposite(performative);
        writer.WriteRaw(payload);
        return size;
    }

    /// <inheritdoc cref="WriteFrame(IBufferWriter{byte}, ushort, Performative, ReadOnlySequence{byte})"/>
    public static int WriteFrame(IBufferWriter<byte> output, ushort channel, Performative performative, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(performative);
        var size = checked((int)GetFrameSize(performative, payload.Length));
        WriteHeader(output, size, performative.FrameType, performative.FrameType == FrameType.Sasl ? (ushort)0 : channel);
        var writer = new AmqpWriter(output);
        writer.WriteComposite(performative);
        writer.WriteRaw(payload);
        return size;
    }

    /// <summary>
    /// An empty AMQP frame, the heartbeat of §2.4.5: "implementations SHOULD use channel 0 when sending empty frames".
    /// </summary>
    public static void WriteEmptyFrame(IBufferWriter<byte> output, ushort channel = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(output, FrameHeader.Length, FrameType.Amqp, channel);
    }

    /// <summary>
    /// Writes one transfer frame of a delivery with as much of <paramref name="payload"/> as fits in
    /// <paramref name="maxFrameSize"/>, and slices <paramref name="payload"/> past what was written. While payload
    /// remains, the frame is sent with <c>more</c> set; the last frame keeps the <see cref="Transfer.More"/> the caller
    /// set. Call until it returns false to send a whole message.
    /// </summary>
    /// <returns>True while payload remains for further frames.</returns>
    /// <exception cref="ArgumentException">The transfer alone does not leave room for one payload byte.</exception>
    public static bool WriteTransfer(IBufferWriter<byte> output, ushort channel, Transfer transfer, ref ReadOnlySequence<byte> payload, uint maxFrameSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(transfer);
        var finalMore = transfer.More;
        if (GetFrameSize(transfer, payload.Length) <= maxFrameSize)
        {
            WriteFrame(output, channel, transfer, payload);
            payload = payload.Slice(payload.End);
            return false;
        }

        transfer.More = true;
        var room = maxFrameSize - GetFrameSize(transfer, 0);
        if (room <= 0)
        {
            transfer.More = finalMore;
            throw new ArgumentException($"A max-frame-size of {maxFrameSize} leaves no room for transfer payload.", nameof(maxFrameSize));
        }
        WriteFrame(output, channel, transfer, payload.Slice(0, room));
        payload = payload.Slice(room);
        transfer.More = finalMore;
        return true;
    }

    private static void WriteHeader(IBufferWriter<byte> output, int size, FrameType type, ushort channel)
    {
        var span = output.GetSpan(FrameHeader.Length);
        new FrameHeader((uint)size, 2, type, channel).Write(span);
        output.Advance(FrameHeader.Length);
    }
}
