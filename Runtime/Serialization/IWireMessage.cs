namespace Runtime.Serialization;

/// <summary>
/// Anything that crosses a process boundary: grain requests, responses, observer notifications, state.
/// Implement <see cref="IWireMessage{TSelf}"/>; this non-generic face is what the runtime handles.
/// </summary>
public interface IWireMessage
{
    /// <summary>The stable id of the message type on the wire (a hash of its wire name).</summary>
    uint WireTypeId { get; }

    void Write(ref WireWriter writer);
}

/// <summary>
/// A message type with its own hand-written codec. The wire name is part of the protocol: renaming it
/// breaks mixed-version clusters, renaming the C# type does not. Register the type with
/// <see cref="WireRegistry.Register{T}"/> in every process that receives it.
/// </summary>
public interface IWireMessage<TSelf> : IWireMessage
    where TSelf : IWireMessage<TSelf>
{
    static abstract string WireName { get; }

    static abstract TSelf Read(ref WireReader reader);

    uint IWireMessage.WireTypeId => WireType<TSelf>.Id;
}
