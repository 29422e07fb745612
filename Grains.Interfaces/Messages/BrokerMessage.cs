using Runtime.Serialization;

namespace Grains.Interfaces.Messages;

/// <summary>
/// A message as queues and topics hold it, whatever protocol brought it. Immutable: redelivery state (delivery count)
/// lives in the queue, not here. Protocol-specific parts that have no common meaning travel in
/// <see cref="ProtocolSections"/> untouched, so a message is delivered byte-exact to a client of the same protocol.
/// </summary>
public sealed class BrokerMessage : IWireMessage<BrokerMessage>
{
    public const byte DefaultPriority = 4;

    /// <summary>Unique per publish: the publisher's retry of the same message carries the same id, and a queue keeps one copy.</summary>
    public required string MessageId { get; init; }

    /// <summary>The topic or queue name it was published to.</summary>
    public required string Address { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>0 (lowest) to 9 (highest), AMQP/JMS style.</summary>
    public byte Priority { get; init; } = DefaultPriority;

    public bool Durable { get; init; } = true;

    /// <summary>When the message was accepted by the broker (unix milliseconds).</summary>
    public long CreatedAt { get; init; }

    /// <summary>After this instant (unix milliseconds) the message is expired and not delivered; null = never.</summary>
    public long? ExpiresAt { get; init; }

    /// <summary>Not delivered before this instant (unix milliseconds); null = at once.</summary>
    public long? DeliverAt { get; init; }

    /// <summary>Message group: all messages of one group go to one consumer at a time (JMSXGroupID).</summary>
    public string? GroupId { get; init; }

    public string? ContentType { get; init; }

    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>Where replies go (AMQP reply-to, MQTT response topic).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>MQTT payload format indicator: true = UTF-8 text.</summary>
    public bool? PayloadIsUtf8 { get; init; }

    /// <summary>Set when the message was published retained (MQTT).</summary>
    public bool Retain { get; init; }

    /// <summary>The delivery guarantee the publisher asked for: 0 at most once, 1 at least once, 2 exactly once (MQTT
    /// QoS; an AMQP pre-settled send is 0, an unsettled one 1). A subscriber receives min(this, its subscription's).</summary>
    public byte Qos { get; init; } = 1;

    /// <summary>The publishing client's id (MQTT client id, AMQP container id): lets MQTT "no local" skip its own messages.</summary>
    public string? PublisherId { get; init; }

    public IReadOnlyList<MessageProperty> Properties { get; init; } = [];

    /// <summary>Opaque protocol sections (e.g. AMQP annotations and footer) for byte-exact same-protocol delivery.</summary>
    public ReadOnlyMemory<byte> ProtocolSections { get; init; }

    public static string WireName => "broker.message";

    public long ApproximateSize => Payload.Length + ProtocolSections.Length + 64 + MessageId.Length + Address.Length;

    public bool IsExpired(long nowUnixMs) => ExpiresAt is { } expiresAt && nowUnixMs >= expiresAt;

    public void Write(ref WireWriter writer)
    {
        var flags = Flags.None;
        if (Durable) flags |= Flags.Durable;
        if (ExpiresAt is not null) flags |= Flags.ExpiresAt;
        if (DeliverAt is not null) flags |= Flags.DeliverAt;
        if (GroupId is not null) flags |= Flags.GroupId;
        if (ContentType is not null) flags |= Flags.ContentType;
        if (CorrelationData is not null) flags |= Flags.CorrelationData;
        if (ReplyTo is not null) flags |= Flags.ReplyTo;
        if (PayloadIsUtf8 is not null) flags |= Flags.PayloadFormat;
        if (PayloadIsUtf8 == true) flags |= Flags.PayloadUtf8;
        if (Retain) flags |= Flags.Retain;
        if (Properties.Count > 0) flags |= Flags.Properties;
        if (!ProtocolSections.IsEmpty) flags |= Flags.ProtocolSections;
        if (PublisherId is not null) flags |= Flags.PublisherId;
        writer.WriteVarUInt64((ulong)flags);
        writer.WriteByte(Qos);
        if (PublisherId is not null) writer.WriteString(PublisherId);
        writer.WriteString(MessageId);
        writer.WriteString(Address);
        writer.WriteByte(Priority);
        writer.WriteVarInt64(CreatedAt);
        if (ExpiresAt is { } expiresAt) writer.WriteVarInt64(expiresAt);
        if (DeliverAt is { } deliverAt) writer.WriteVarInt64(deliverAt);
        if (GroupId is not null) writer.WriteString(GroupId);
        if (ContentType is not null) writer.WriteString(ContentType);
        if (CorrelationData is { } correlation) writer.WriteBytes(correlation.Span);
        if (ReplyTo is not null) writer.WriteString(ReplyTo);
        if (Properties.Count > 0)
        {
            writer.WriteVarUInt64((ulong)Properties.Count);
            foreach (var property in Properties)
            {
                writer.WriteString(property.Name);
                writer.WriteString(property.Value);
            }
        }
        if (!ProtocolSections.IsEmpty) writer.WriteBytes(ProtocolSections.Span);
        writer.WriteBytes(Payload.Span);
    }

    public static BrokerMessage Read(ref WireReader reader)
    {
        var flags = (Flags)reader.ReadVarUInt64();
        var qos = reader.ReadByte();
        var publisherId = (flags & Flags.PublisherId) != 0 ? reader.ReadString() : null;
        var messageId = reader.ReadString();
        var address = reader.ReadString();
        var priority = reader.ReadByte();
        var createdAt = reader.ReadVarInt64();
        long? expiresAt = (flags & Flags.ExpiresAt) != 0 ? reader.ReadVarInt64() : null;
        long? deliverAt = (flags & Flags.DeliverAt) != 0 ? reader.ReadVarInt64() : null;
        var groupId = (flags & Flags.GroupId) != 0 ? reader.ReadString() : null;
        var contentType = (flags & Flags.ContentType) != 0 ? reader.ReadString() : null;
        ReadOnlyMemory<byte>? correlation = (flags & Flags.CorrelationData) != 0 ? reader.ReadBytes() : null;
        var replyTo = (flags & Flags.ReplyTo) != 0 ? reader.ReadString() : null;
        IReadOnlyList<MessageProperty> properties = [];
        if ((flags & Flags.Properties) != 0)
        {
            var count = (int)Math.Min(reader.ReadVarUInt64(), 65_536);
            var list = new MessageProperty[count];
            for (var i = 0; i < count; i++)
            {
                list[i] = new MessageProperty(reader.ReadString(), reader.ReadString());
            }
            properties = list;
        }
        ReadOnlyMemory<byte> sections = (flags & Flags.ProtocolSections) != 0 ? reader.ReadBytes() : ReadOnlyMemory<byte>.Empty;
        var payload = reader.ReadBytes();
        return new BrokerMessage
        {
            MessageId = messageId,
            Address = address,
            Payload = payload,
            Priority = priority,
            Durable = (flags & Flags.Durable) != 0,
            CreatedAt = createdAt,
            ExpiresAt = expiresAt,
            DeliverAt = deliverAt,
            GroupId = groupId,
            ContentType = contentType,
            CorrelationData = correlation,
            ReplyTo = replyTo,
            PayloadIsUtf8 = (flags & Flags.PayloadFormat) != 0 ? (flags & Flags.PayloadUtf8) != 0 : null,
            Retain = (flags & Flags.Retain) != 0,
            Properties = properties,
            ProtocolSections = sections,
            Qos = qos,
            PublisherId = publisherId,
        };
    }

    /// <summary>A copy with other values (messages are immutable).</summary>
    public BrokerMessage With(string? address = null, long? expiresAt = null, IReadOnlyList<MessageProperty>? properties = null,
        long? createdAt = null, bool? retain = null) => new()
    {
        MessageId = MessageId,
        Address = address ?? Address,
        Payload = Payload,
        Priority = Priority,
        Durable = Durable,
        CreatedAt = createdAt ?? CreatedAt,
        ExpiresAt = expiresAt ?? ExpiresAt,
        DeliverAt = DeliverAt,
        GroupId = GroupId,
        ContentType = ContentType,
        CorrelationData = CorrelationData,
        ReplyTo = ReplyTo,
        PayloadIsUtf8 = PayloadIsUtf8,
        Retain = retain ?? Retain,
        Properties = properties ?? Properties,
        ProtocolSections = ProtocolSections,
        Qos = Qos,
        PublisherId = PublisherId,
    };

    [Flags]
    private enum Flags : uint
    {
        None = 0,
        Durable = 1,
        ExpiresAt = 1 << 1,
        DeliverAt = 1 << 2,
        GroupId = 1 << 3,
        ContentType = 1 << 4,
        CorrelationData = 1 << 5,
        ReplyTo = 1 << 6,
        PayloadFormat = 1 << 7,
        PayloadUtf8 = 1 << 8,
        Retain = 1 << 9,
        Properties = 1 << 10,
        ProtocolSections = 1 << 11,
        PublisherId = 1 << 12,
    }
}
