namespace Benchmarks.Mqtt;

/// <summary>
/// The QoS 1 publisher's in-flight window, as real clients keep one (paho's max_inflight, MQTT 5.0 Receive Maximum):
/// at most <c>capacity</c> PUBLISHes without PUBACK; a Packet Identifier per PUBLISH that remembers the caller's tag
/// (the message's sequence number) until the PUBACK names it. Its Packet Identifiers are 1..32,767; the client takes the
/// upper half for SUBSCRIBE, so the two never collide.
/// </summary>
public sealed class InFlightWindow
{
    /// <summary>The highest Packet Identifier a PUBLISH gets.</summary>
    public const ushort MaxPacketId = 32_767;

    private readonly SemaphoreSlim _slots;
    private readonly Lock _lock = new();
    private readonly long[] _tags = new long[MaxPacketId + 1];
    private readonly bool[] _used = new bool[MaxPacketId + 1];
    private readonly int _capacity;
    private ushort _next;

    public InFlightWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxPacketId);
        _capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    public int InFlight => _capacity - _slots.CurrentCount;

    /// <summary>Waits for a free slot; returns the Packet Identifier to use for the PUBLISH tagged <paramref name="tag"/>.</summary>
    public async ValueTask<ushort> AcquireAsync(long tag, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            do
            {
                _next = _next == MaxPacketId ? (ushort)1 : (ushort)(_next + 1);
            }
            while (_used[_next]);
            _used[_next] = true;
            _tags[_next] = tag;
            return _next;
        }
    }

    /// <summary>A PUBACK for <paramref name="packetId"/>: frees its slot; false when that id was not in flight.</summary>
    public bool TryComplete(ushort packetId, out long tag)
    {
        lock (_lock)
        {
            if (packetId > MaxPacketId || !_used[packetId])
            {
                tag = 0;
                return false;
            }
            _used[packetId] = false;
            tag = _tags[packetId];
        }
        _slots.Release();
        return true;
    }
}
