using System.Buffers;

namespace Gateway.Tests.Support;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> whose spans come from a pool pre-filled with 0xFF and are never larger than
/// asked for (or <c>chunk</c>, if larger): a writer that leaves a byte unassigned, or ORs bits into the buffer instead of
/// setting them, shows up as a stray 0xFF.
/// </summary>
public sealed class DirtyBufferWriter : IBufferWriter<byte>
{
    private readonly int _chunk;
    private readonly List<byte> _written = [];
    private byte[] _current = [];

    public DirtyBufferWriter(int chunk = 1) => _chunk = chunk;

    public byte[] WrittenBytes => [.. _written];

    public int SpanRequests { get; private set; }

    public void Advance(int count)
    {
        if (count > _current.Length)
        {
            throw new InvalidOperationException("Advanced past the span handed out.");
        }
        _written.AddRange(_current.AsSpan(0, count));
        _current = [];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        SpanRequests++;
        _current = new byte[Math.Max(Math.Max(sizeHint, 1), _chunk)];
        Array.Fill(_current, (byte)0xFF);
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
