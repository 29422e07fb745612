using Runtime.Core;
using Runtime.Serialization;

namespace Runtime.Tests.Grains;

/// <summary>A call that records who called in which order and whether another turn was running.</summary>
public sealed record ProbeCall(string Caller, long Sequence, int WorkMicroseconds) : IGrainRequest<ProbeResult>, IWireMessage<ProbeCall>
{
    public static string WireName => "test.probe.call";

    public static ProbeCall Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt32());

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(Caller);
        writer.WriteVarInt64(Sequence);
        writer.WriteVarInt32(WorkMicroseconds);
    }
}

/// <summary>Answer of <see cref="ProbeCall"/>: the order the grain saw, the overlaps it detected, where it runs.</summary>
public sealed record ProbeResult(long Order, long Overlaps, bool InOrderForCaller, string Silo) : IWireMessage<ProbeResult>
{
    public static string WireName => "test.probe.result";

    public static ProbeResult Read(ref WireReader reader) =>
        new(reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadBool(), reader.ReadString());

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt64(Order);
        writer.WriteVarInt64(Overlaps);
        writer.WriteBool(InOrderForCaller);
        writer.WriteString(Silo);
    }
}

/// <summary>Pushes <see cref="StringValue"/> text to an observer.</summary>
public sealed record NotifyObserver(string ClientId, long ObserverKey, string Text) : IGrainRequest<Ack>, IWireMessage<NotifyObserver>
{
    public static string WireName => "test.probe.notify";

    public static NotifyObserver Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadString());

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ClientId);
        writer.WriteVarInt64(ObserverKey);
        writer.WriteString(Text);
    }
}

/// <summary>Fails with the given message (an application error).</summary>
public sealed record FailPlease(string Message) : IGrainRequest<Ack>, IWireMessage<FailPlease>
{
    public static string WireName => "test.probe.fail";

    public static FailPlease Read(ref WireReader reader) => new(reader.ReadString());

    public void Write(ref WireWriter writer) => writer.WriteString(Message);
}

/// <summary>Asks the grain to deactivate after this turn; answers with the activation's instance number.</summary>
public sealed record WhoAreYou(bool DeactivateAfter) : IGrainRequest<Int64Value>, IWireMessage<WhoAreYou>
{
    public static string WireName => "test.probe.who";

    public static WhoAreYou Read(ref WireReader reader) => new(reader.ReadBool());

    public void Write(ref WireWriter writer) => writer.WriteBool(DeactivateAfter);
}
