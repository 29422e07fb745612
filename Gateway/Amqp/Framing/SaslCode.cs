namespace Gateway.Amqp.Framing;

/// <summary>sasl-code (Part 5 §5.3.3.6), a ubyte: the outcome of the SASL dialog.</summary>
public enum SaslCode : byte
{
    /// <summary>Connection authentication succeeded.</summary>
    Ok = 0,

    /// <summary>Failed due to an unspecified problem with the supplied credentials.</summary>
    Auth = 1,

    /// <summary>Failed due to a system error.</summary>
    Sys = 2,

    /// <summary>Failed due to a system error that is unlikely to be corrected without intervention.</summary>
    SysPerm = 3,

    /// <summary>Failed due to a transient system error.</summary>
    SysTemp = 4,
}
