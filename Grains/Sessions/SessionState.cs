using Grains.Interfaces.Messages;
using Grains.Interfaces.Sessions;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Sessions;

/// <summary>What an MQTT session keeps across connections and broker restarts.</summary>
public sealed class SessionState : IWireMessage<SessionState>
{
    public bool Exists { get; set; }

    public List<SessionSubscription> Subscriptions { get; set; } = [];

    /// <summary>Session Expiry Interval in seconds; <see cref="uint.MaxValue"/> = never.</summary>
    public long ExpirySeconds { get; set; }

    /// <summary>When the last connection ended (unix ms); 0 while connected.</summary>
    public long DisconnectedAt { get; set; }

    public BrokerMessage? Will { get; set; }

    public long WillDelaySeconds { get; set; }

    /// <summary>When a delayed will is due (unix ms); 0 = none pending.</summary>
    public long WillDueAt { get; set; }

    /// <summary>Inbound QoS 2 packet ids between PUBLISH and PUBREL, with the message id they were published under.</summary>
    public Dictionary<ushort, string> InboundQos2 { get; set; } = [];

    /// <summary>The connection that owns the session (null when disconnected). Durable, so a session that moves to
    /// another silo keeps recognising its connection, and a takeover can detach the previous connection's consumers.</summary>
    public string? ConnectionId { get; set; }

    /// <summary>Where the owning connection receives pushes (takeover).</summary>
    public ObserverId? Observer { get; set; }

    /// <summary>Outbound QoS 2 deliveries between PUBREC and PUBCOMP.</summary>
    public List<PendingRelease> PendingReleases { get; set; } = [];

    public static string WireName => "session.state";

    public void Write(ref WireWriter writer)
    {
        writer.WriteBool(Exists);
        SessionSubscription.WriteList(ref writer, Subscriptions);
        writer.WriteVarInt64(ExpirySeconds);
        writer.WriteVarInt64(DisconnectedAt);
        writer.WriteBool(Will is not null);
        Will?.Write(ref writer);
        writer.WriteVarInt64(WillDelaySeconds);
        writer.WriteVarInt64(WillDueAt);
        writer.WriteVarUInt64((ulong)InboundQos2.Count);
        foreach (var (packetId, messageId) in InboundQos2)
        {
            writer.WriteVarUInt64(packetId);
            writer.WriteString(messageId);
        }
        writer.WriteVarUInt64((ulong)PendingReleases.Count);
        foreach (var pending in PendingReleases)
        {
            writer.WriteVarInt64(pending.Tag);
            writer.WriteVarUInt64(pending.PacketId);
            writer.WriteString(pending.Queue);
        }
        writer.WriteString(ConnectionId);
        writer.WriteBool(Observer is not null);
        if (Observer is { } observer)
        {
            writer.WriteString(observer.ClientId);
            writer.WriteVarInt64(observer.Key);
        }
    }

    public static SessionState Read(ref WireReader reader)
    {
        var state = new SessionState
        {
            Exists = reader.ReadBool(),
            Subscriptions = SessionSubscription.ReadList(ref reader),
            ExpirySeconds = reader.ReadVarInt64(),
            DisconnectedAt = reader.ReadVarInt64(),
        };
        state.Will = reader.ReadBool() ? BrokerMessage.Read(ref reader) : null;
        state.WillDelaySeconds = reader.ReadVarInt64();
        state.WillDueAt = reader.ReadVarInt64();
        var inbound = (int)Math.Min(reader.ReadVarUInt64(), 65_536);
        for (var i = 0; i < inbound; i++)
        {
            state.InboundQos2[(ushort)reader.ReadVarUInt64()] = reader.ReadString();
        }
        var pending = (int)Math.Min(reader.ReadVarUInt64(), 65_536);
        for (var i = 0; i < pending; i++)
        {
            state.PendingReleases.Add(new PendingRelease(reader.ReadVarInt64(), (ushort)reader.ReadVarUInt64(), reader.ReadString()));
        }
        state.ConnectionId = reader.ReadNullableString();
        state.Observer = reader.ReadBool() ? new ObserverId(reader.ReadString(), reader.ReadVarInt64()) : null;
        return state;
    }
}
