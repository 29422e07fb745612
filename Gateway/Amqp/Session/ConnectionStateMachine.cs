namespace Gateway.Amqp.Session;

/// <summary>
/// The connection lifecycle as data (Part 2 §2.4.6, listener side). Every frame class the connection handles names the
/// operation; an operation not allowed in the current state is the peer's protocol violation.
/// <code>
///  START --sasl header--> SASL --outcome ok + amqp header--> HDR_EXCH --open--> OPENED --close--> END
///    \------------------amqp header (anonymous allowed)------/                  \--error: close sent--> CLOSE_SENT --close--> END
/// </code>
/// </summary>
public sealed class ConnectionStateMachine
{
    private static readonly (ConnectionState From, ConnectionOperation Operation, ConnectionState To)[] Transitions =
    [
        (ConnectionState.Start, ConnectionOperation.SaslHeader, ConnectionState.Sasl),
        (ConnectionState.Start, ConnectionOperation.AmqpHeader, ConnectionState.HeaderExchanged),
        (ConnectionState.Sasl, ConnectionOperation.AmqpHeader, ConnectionState.HeaderExchanged),
        (ConnectionState.HeaderExchanged, ConnectionOperation.Open, ConnectionState.Opened),
        (ConnectionState.Opened, ConnectionOperation.Frame, ConnectionState.Opened),
        (ConnectionState.Opened, ConnectionOperation.SendCloseWithError, ConnectionState.CloseSent),
        (ConnectionState.HeaderExchanged, ConnectionOperation.SendCloseWithError, ConnectionState.CloseSent),
        (ConnectionState.Opened, ConnectionOperation.Close, ConnectionState.End),
        (ConnectionState.CloseSent, ConnectionOperation.Frame, ConnectionState.CloseSent),
        (ConnectionState.CloseSent, ConnectionOperation.Close, ConnectionState.End),
    ];

    public ConnectionState State { get; private set; } = ConnectionState.Start;

    /// <summary>Moves to the next state; throws the protocol's illegal-state error when the operation is not allowed now.</summary>
    public ConnectionState Transition(ConnectionOperation operation)
    {
        foreach (var (from, op, to) in Transitions)
        {
            if (from == State && op == operation)
            {
                State = to;
                return to;
            }
        }
        throw new AmqpProtocolException(Framing.AmqpErrorCondition.IllegalState, ErrorScope.Connection,
            $"{Describe(operation)} is not allowed while the connection is {State} (AMQP 1.0 Part 2 §2.4.6).");
    }

    /// <summary>Whether <paramref name="operation"/> is allowed now, without moving.</summary>
    public bool Allows(ConnectionOperation operation)
    {
        foreach (var (from, op, _) in Transitions)
        {
            if (from == State && op == operation)
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(ConnectionOperation operation) => operation switch
    {
        ConnectionOperation.Open => "A second open",
        ConnectionOperation.Frame => "A begin, attach, flow, transfer, disposition, detach or end before open",
        ConnectionOperation.Close => "A close before open",
        _ => operation.ToString(),
    };
}
