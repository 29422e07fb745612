namespace Gateway.Amqp.Session;

/// <summary>
/// One session (Part 2 §2.5) of a connection: its channels, the transfer-id counters and windows of §2.5.6, and its
/// links by the peer's handle. Owned by its connection and used only under the connection's lock.
/// <code>
///  UNMAPPED --begin received / begin sent--> MAPPED --end received / end sent--> UNMAPPED
/// </code>
/// </summary>
internal sealed class AmqpSession
{
    /// <summary>Window this broker advertises: it takes any number of transfer frames; link credit bounds the memory.</summary>
    public const uint IncomingWindowSize = int.MaxValue;

    public AmqpSession(ushort localChannel, ushort remoteChannel, uint remoteNextOutgoingId, uint remoteIncomingWindow, uint handleMax)
    {
        LocalChannel = localChannel;
        RemoteChannel = remoteChannel;
        NextIncomingId = remoteNextOutgoingId;
        RemoteIncomingWindow = remoteIncomingWindow;
        HandleMax = handleMax;
    }

    public ushort LocalChannel { get; }

    public ushort RemoteChannel { get; }

    public uint HandleMax { get; }

    /// <summary>The transfer-id the peer's next transfer frame carries (§2.5.6 next-incoming-id).</summary>
    public uint NextIncomingId { get; set; }

    /// <summary>The transfer-id of this endpoint's next transfer frame (next-outgoing-id).</summary>
    public uint NextOutgoingId { get; set; }

    /// <summary>Transfer frames the peer will still take (remote-incoming-window).</summary>
    public uint RemoteIncomingWindow { get; set; }

    /// <summary>The delivery-id of the next delivery this endpoint sends.</summary>
    public uint NextDeliveryId { get; set; }

    /// <summary>Links by the handle the peer chose.</summary>
    public Dictionary<uint, AmqpLink> Links { get; } = [];

    /// <summary>Deliveries sent and not yet settled by the receiver, by delivery-id.</summary>
    public Dictionary<uint, OutgoingLink> Unsettled { get; } = [];

    /// <summary>Transfers waiting for the peer's incoming window to open.</summary>
    public Queue<PendingTransfer> Blocked { get; } = new();

    public bool Ending { get; set; }

    private readonly HashSet<uint> _localHandles = [];

    /// <summary>A flow carrying this session's state (§2.5.6); a link's fields are added by the caller.</summary>
    public Gateway.Amqp.Framing.Flow NewFlow() => new()
    {
        NextIncomingId = NextIncomingId,
        IncomingWindow = IncomingWindowSize,
        NextOutgoingId = NextOutgoingId,
        OutgoingWindow = int.MaxValue,
    };

    /// <summary>The lowest free local handle.</summary>
    public uint AllocateHandle()
    {
        uint handle = 0;
        while (_localHandles.Contains(handle))
        {
            handle++;
        }
        _localHandles.Add(handle);
        return handle;
    }

    public void FreeHandle(uint handle) => _localHandles.Remove(handle);
}
