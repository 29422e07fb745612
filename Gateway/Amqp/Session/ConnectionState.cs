namespace Gateway.Amqp.Session;

/// <summary>The connection states of Part 2 §2.4.6 that a listening endpoint passes through.</summary>
public enum ConnectionState
{
    /// <summary>TCP accepted, no protocol header yet.</summary>
    Start,

    /// <summary>SASL header exchanged; the SASL negotiation runs (Part 5 §5.3.2).</summary>
    Sasl,

    /// <summary>AMQP header exchanged (HDR_EXCH); waiting for open.</summary>
    HeaderExchanged,

    /// <summary>Open received and answered (OPENED).</summary>
    Opened,

    /// <summary>Close sent because of an error; waiting for the peer's close (CLOSE_SENT / DISCARDING).</summary>
    CloseSent,

    /// <summary>Done (END).</summary>
    End,
}
