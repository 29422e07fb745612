using Runtime.Serialization;

namespace Runtime.Activation;

/// <summary>One entry of an activation's mailbox: a request (with a sink for its reply) or a one-way message.
/// The default item (no message) only wakes the loop.</summary>
internal readonly record struct MailboxItem(IWireMessage Message, IResponseSink? Sink, ulong CorrelationId, long DeadlineTimestamp)
{
    public bool IsOneWay => Sink is null;
}
