namespace Gateway.Amqp.Session;

/// <summary>What happens to a connection, for <see cref="ConnectionStateMachine"/>.</summary>
public enum ConnectionOperation
{
    SaslHeader,
    AmqpHeader,
    Open,

    /// <summary>Any session-level frame (begin ... end) or a heartbeat.</summary>
    Frame,
    Close,
    SendCloseWithError,
}
