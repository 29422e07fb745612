namespace Grains.Interfaces.Queues;

/// <summary>The outcome of <see cref="AttachConsumer"/>.</summary>
public enum AttachStatus : byte
{
    /// <summary>Attached (or re-attached with the new observer, credit and selector).</summary>
    Attached = 0,

    /// <summary>The queue does not exist and auto-create is off (AMQP <c>amqp:not-found</c>).</summary>
    QueueNotFound = 1,

    /// <summary>The selector is not a valid JMS selector; the reason says where (AMQP <c>amqp:invalid-field</c>).
    /// A consumer already attached under that id keeps its previous selector.</summary>
    InvalidSelector = 2,
}
