using System.Numerics;

namespace Benchmarks.Mqtt;

/// <summary>
/// A set of non-negative message sequence numbers as a bitmap in 8 KiB chunks allocated on first use: which messages
/// a publisher got acknowledged, which ones a subscriber received. One writer; readers after the writer is done.
/// </summary>
public sealed class SequenceSet
{
    private const int ChunkShift = 16; // 65,536 sequence numbers per chunk
    private const int ChunkBits = 1 << ChunkShift;
    private const int WordsPerChunk = ChunkBits / 64;

    private readonly List<ulong[]?> _chunks = [];

    public long Count { get; private set; }

    /// <summary>Adds <paramref name="sequence"/>; false when it was already there.</summary>
    public bool Add(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var chunkIndex = (int)(sequence >> ChunkShift);
        while (_chunks.Count <= chunkIndex)
        {
            _chunks.Add(null);
        }
        var chunk = _chunks[chunkIndex] ??= new ulong[WordsPerChunk];
        var bit = (int)(sequence & (ChunkBits - 1));
        ref var word = ref chunk[bit >> 6];
        var mask = 1UL << (bit & 63);
        if ((word & mask) != 0)
        {
            return false;
        }
        word |= mask;
        Count++;
        return true;
    }

    public bool Contains(long sequence)
    {
        if (sequence < 0)
        {
            return false;
        }
        var chunkIndex = (int)(sequence >> ChunkShift);
        if (chunkIndex >= _chunks.Count || _chunks[chunkIndex] is not { } chunk)
        {
            return false;
        }
        var bit = (int)(sequence & (ChunkBits - 1));
        return (chunk[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    /// <summary>How many members of this set are not in <paramref name="other"/>.</summary>
    public long CountNotIn(SequenceSet other)
    {
        long missing = 0;
        for (var c = 0; c < _chunks.Count; c++)
        {
            if (_chunks[c] is not { } mine)
            {
                continue;
            }
            var theirs = c < other._chunks.Count ? other._chunks[c] : null;
            for (var w = 0; w < WordsPerChunk; w++)
            {
                missing += BitOperations.PopCount(mine[w] & ~(theirs?[w] ?? 0UL));
            }
        }
        return missing;
    }

    /// <summary>The members as inclusive ranges, ascending (for the kill -9 state file).</summary>
    public IEnumerable<(long First, long Last)> Ranges()
    {
        long first = -1;
        long last = -2;
        for (var c = 0; c < _chunks.Count; c++)
        {
            if (_chunks[c] is not { } chunk)
            {
                continue;
            }
            for (var w = 0; w < WordsPerChunk; w++)
            {
                var word = chunk[w];
                while (word != 0)
                {
                    var bit = BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    var sequence = ((long)c << ChunkShift) + (w * 64) + bit;
                    if (sequence == last + 1)
                    {
                        last = sequence;
                        continue;
                    }
                    if (first >= 0)
                    {
                        yield return (first, last);
                    }
                    first = last = sequence;
                }
            }
        }
        if (first >= 0)
        {
            yield return (first, last);
        }
    }
}
