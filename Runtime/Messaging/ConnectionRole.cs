namespace Runtime.Messaging;

/// <summary>Who opened a runtime connection.</summary>
public enum ConnectionRole : byte
{
    /// <summary>Another silo, on the silo-to-silo port.</summary>
    Silo = 1,

    /// <summary>A cluster client (a gateway), on the gateway port.</summary>
    Client = 2,
}
