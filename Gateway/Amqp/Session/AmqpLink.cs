using Gateway.Amqp.Bridge;

namespace Gateway.Amqp.Session;

/// <summary>
/// A link endpoint (Part 2 §2.6) of this broker. The peer's attach creates it; it answers with its own attach once the
/// node behind the address is ready, and ends with detach.
/// <code>
///  DETACHED --attach received--> ATTACHING --node ready: attach sent--> ATTACHED --detach received / error--> DETACHED
///                                    \--node refused: attach (null terminus) + detach with error--------------/
/// </code>
/// </summary>
internal abstract class AmqpLink
{
    protected AmqpLink(AmqpSession session, string name, uint remoteHandle, uint localHandle, AmqpAddress address)
    {
        Session = session;
        Name = name;
        RemoteHandle = remoteHandle;
        LocalHandle = localHandle;
        Address = address;
    }

    public AmqpSession Session { get; }

    public string Name { get; }

    public uint RemoteHandle { get; }

    public uint LocalHandle { get; }

    public AmqpAddress Address { get; }

    /// <summary>True once this endpoint's attach has been sent.</summary>
    public bool Attached { get; set; }

    /// <summary>True once detached (by either side): nothing more is sent on it.</summary>
    public bool Detached { get; set; }
}
