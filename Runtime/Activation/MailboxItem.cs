using Runtime.Serialization;

namespace Runtime.Activation;

/// <summary>One entry of an activation's mailbox: a request (with a sink for its reply) or a one-way message.
/// The default item (no message) only wakes the loop.</summary>
internal readonly record struct MailboxItem(IWireMessage? Message, IResponseSink? Sink, ulong CorrelationId, long DeadlineTimestamp)
{
    /// <summary>A grain timer's tick: runs <paramref name="callback"/> as a turn.</summary>
    public static MailboxItem Timer(Func<Task> callback) => new(null, null, 0, 0) { Callback = callback };

    public Func<Task>? Callback { get; init; }
}
