using System.Buffers;

namespace Gateway.Tests.Support;

/// <summary>Builds <see cref="ReadOnlySequence{T}"/>s of several segments, as a pipe hands them out.</summary>
public static class Sequences
{
    /// <summary>One segment per chunk (empty chunks allowed).</summary>
    public static ReadOnlySequence<byte> FromChunks(params byte[][] chunks)
    {
        if (chunks.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new Segment(chunks[0], 0);
        var last = first;
        for (var i = 1; i < chunks.Length; i++)
        {
            last = last.Append(chunks[i]);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Two segments split at <paramref name="at"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int at) => FromChunks(bytes[..at], bytes[at..]);

    /// <summary>One segment per byte: the worst fragmentation a transport can produce.</summary>
    public static ReadOnlySequence<byte> ByteByByte(byte[] bytes)
    {
        var chunks = new byte[bytes.Length][];
        for (var i = 0; i < bytes.Length; i++)
        {
            chunks[i] = [bytes[i]];
        }
        return FromChunks(chunks);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
