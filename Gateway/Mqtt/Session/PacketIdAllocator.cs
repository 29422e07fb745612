namespace Gateway.Mqtt.Session;

/// <summary>Packet identifiers for outbound QoS 1/2 PUBLISHes: non-zero, not reused while in use [MQTT-2.2.1-3/4].</summary>
internal sealed class PacketIdAllocator
{
    private readonly HashSet<ushort> _inUse = [];
    private ushort _next = 1;

    public int InUse => _inUse.Count;

    public bool TryAllocate(out ushort packetId)
    {
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            var candidate = _next;
            _next = _next == ushort.MaxValue ? (ushort)1 : (ushort)(_next + 1);
            if (_inUse.Add(candidate))
            {
                packetId = candidate;
                return true;
            }
        }
        packetId = 0;
        return false;
    }

    public void Reserve(ushort packetId) => _inUse.Add(packetId);

    public void Release(ushort packetId) => _inUse.Remove(packetId);
}
