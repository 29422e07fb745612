using System.Buffers;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;

namespace Gateway.Amqp.Session;

/// <summary>
/// A link on which the client sends (its sender, this broker's receiver). The broker grants credit (Part 2 §2.6.7) and
/// tops it up as sends complete, so a client has at most <c>LinkCredit</c> messages on their way in; each unsettled
/// send is answered with accepted once stored, or rejected with the reason.
/// </summary>
internal sealed class IncomingLink : AmqpLink
{
    /// <summary>A multi-frame message's buffer is kept for the next message up to this size.</summary>
    private const int KeptBufferSize = 1024 * 1024;

    private ArrayBufferWriter<byte>? _partial;

    public IncomingLink(AmqpSession session, string name, uint remoteHandle, uint localHandle, AmqpAddress address)
        : base(session, name, remoteHandle, localHandle, address)
    {
    }

    /// <summary>The target has no address: each message goes where its <c>to</c> says (the anonymous relay).</summary>
    public bool AnonymousRelay { get; init; }

    /// <summary>The target was dynamic: the link created a temporary node (its queue is emptied when the link closes).</summary>
    public bool Dynamic { get; init; }

    /// <summary>The sender's delivery-count as this receiver has counted it (§2.6.7).</summary>
    public uint DeliveryCount { get; set; }

    /// <summary>Credit the client still has.</summary>
    public uint Credit { get; set; }

    /// <summary>True for a transaction controller's link, whose target is the coordinator (Part 4 §4.2).</summary>
    public bool IsCoordinator { get; init; }

    /// <summary>Messages received and not yet stored.</summary>
    public int Outstanding { get; set; }

    /// <summary>The delivery being received over several transfer frames, if any.</summary>
    public uint? PartialDeliveryId { get; private set; }

    public bool PartialSettled { get; private set; }

    /// <summary>The delivery state the transfers of the partial delivery carried (the last one given), e.g. transactional-state.</summary>
    public DeliveryState? PartialState { get; set; }

    public long PartialLength => _partial?.WrittenCount ?? 0;

    public ReadOnlySequence<byte> PartialBytes => _partial is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_partial.WrittenMemory);

    public void BeginPartial(uint deliveryId, bool settled, DeliveryState? state)
    {
        PartialDeliveryId = deliveryId;
        PartialSettled = settled;
        PartialState = state;
        _partial ??= new ArrayBufferWriter<byte>(64 * 1024);
        _partial.ResetWrittenCount();
    }

    public void Append(in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            _partial!.Write(segment.Span);
        }
    }

    public void EndPartial()
    {
        PartialDeliveryId = null;
        PartialState = null;
        if (_partial is { Capacity: > KeptBufferSize })
        {
            _partial = null; // a 50 MiB message does not keep 50 MiB for the link's next one
        }
        else
        {
            _partial?.ResetWrittenCount();
        }
    }
}
