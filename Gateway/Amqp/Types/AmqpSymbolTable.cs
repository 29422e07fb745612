using System.Collections.Concurrent;
using System.Text;

namespace Gateway.Amqp.Types;

/// <summary>
/// Interns decoded symbols: "typically the number and size of symbols in use ... will be small, e.g. small enough that
/// it is reasonable to cache all the distinct values" (Part 1 §1.6.21). A symbol seen before is returned without
/// allocating; the cache is bounded in entries and length so a peer cannot grow it without limit.
/// </summary>
internal static class AmqpSymbolTable
{
    /// <summary>Longest symbol cached (and widened on the stack); longer ones are rare and simply allocated.</summary>
    public const int MaxCachedLength = 128;

    /// <summary>Distinct symbols kept; past this, new symbols are allocated per decode.</summary>
    public const int MaxCachedSymbols = 4096;

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int _count;

    /// <summary>The string for encoded symbol bytes; throws <see cref="AmqpDecodeException"/> unless seven-bit ASCII.</summary>
    public static string GetString(ReadOnlySpan<byte> ascii)
    {
        if (ascii.IsEmpty)
        {
            return string.Empty;
        }
        if (ascii.Length > MaxCachedLength)
        {
            if (!Ascii.IsValid(ascii))
            {
                AmqpThrow.Decode("A symbol holds a byte that is not seven-bit ASCII (Part 1 §1.6.21).");
            }
            return Encoding.ASCII.GetString(ascii);
        }

        Span<char> buffer = stackalloc char[MaxCachedLength];
        if (Ascii.ToUtf16(ascii, buffer, out var written) != System.Buffers.OperationStatus.Done)
        {
            AmqpThrow.Decode("A symbol holds a byte that is not seven-bit ASCII (Part 1 §1.6.21).");
        }
        var chars = buffer[..written];
        if (Lookup.TryGetValue(chars, out var cached))
        {
            return cached;
        }
        var created = new string(chars);
        if (Volatile.Read(ref _count) < MaxCachedSymbols && Cache.TryAdd(created, created))
        {
            Interlocked.Increment(ref _count);
        }
        return created;
    }
}
