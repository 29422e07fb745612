using System.Text;
using Gateway.Mqtt.Codec;

namespace Gateway.Tests.Support;

/// <summary>
/// Named sample packets, each built fresh for a protocol version: MQTT 3.1/3.1.1 samples carry only what those versions
/// can encode, MQTT 5.0 samples exercise every property of their packet. Together they cover every packet type of every
/// version (asserted by <c>SamplePacketsTests</c>).
/// </summary>
public static class SamplePackets
{
    public static readonly MqttProtocolVersion[] Versions = [MqttProtocolVersion.V310, MqttProtocolVersion.V311, MqttProtocolVersion.V500];

    private static readonly Dictionary<string, Func<MqttProtocolVersion, MqttPacket?>> Factories = new()
    {
        ["connect-minimal"] = v => new ConnectPacket { ProtocolVersion = v, ClientId = "a", CleanStart = true, KeepAlive = 60 },
        ["connect-will"] = v => new ConnectPacket
        {
            ProtocolVersion = v,
            ClientId = "client-1",
            KeepAlive = 10,
            Will = new MqttWillMessage
            {
                Topic = "status/client-1",
                Payload = Utf8("offline"),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                Retain = true,
                Properties = V5(v) ? WillProperties() : null,
            },
        },
        ["connect-credentials"] = v => new ConnectPacket
        {
            ProtocolVersion = v,
            ClientId = "id",
            UserName = "user",
            Password = Utf8("secret"),
            CleanStart = true,
        },
        ["connect-properties"] = v => V5(v) ? new ConnectPacket
        {
            ProtocolVersion = v,
            ClientId = string.Empty,
            CleanStart = true,
            KeepAlive = 65535,
            Password = new byte[] { 0, 1, 2 },
            Properties = new MqttProperties
            {
                SessionExpiryInterval = 3600,
                ReceiveMaximum = 100,
                MaximumPacketSize = 1_048_576,
                TopicAliasMaximum = 10,
                RequestResponseInformation = true,
                RequestProblemInformation = false,
                AuthenticationMethod = "SCRAM-SHA-1",
                AuthenticationData = new byte[] { 0xDE, 0xAD },
                UserProperties = { new("a", "1"), new("a", "2"), new("é", "日本") },
            },
        } : null,
        ["connack"] = v => new ConnAckPacket { SessionPresent = v != MqttProtocolVersion.V310, ReasonCode = MqttReasonCode.Success },
        ["connack-refused"] = _ => new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized },
        ["connack-properties"] = v => V5(v) ? new ConnAckPacket
        {
            ReasonCode = MqttReasonCode.Success,
            Properties = new MqttProperties
            {
                SessionExpiryInterval = 0,
                ReceiveMaximum = 65535,
                MaximumQoS = MqttQualityOfService.AtLeastOnce,
                RetainAvailable = false,
                MaximumPacketSize = 268_435_460,
                AssignedClientIdentifier = "auto-1",
                TopicAliasMaximum = 0,
                ReasonString = "welcome",
                WildcardSubscriptionAvailable = true,
                SubscriptionIdentifierAvailable = true,
                SharedSubscriptionAvailable = false,
                ServerKeepAlive = 30,
                ResponseInformation = "reply/",
                ServerReference = "other:1883",
                AuthenticationMethod = "SCRAM-SHA-1",
                AuthenticationData = new byte[] { 1 },
                UserProperties = { new("k", "v") },
            },
        } : null,
        ["publish-qos0"] = _ => new PublishPacket { TopicName = "sensors/temp", Payload = Utf8("21.5") },
        ["publish-qos1-retain"] = _ => new PublishPacket
        {
            TopicName = "a/b",
            Payload = Utf8("hi"),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = true,
            PacketIdentifier = 10,
        },
        ["publish-qos2-dup"] = _ => new PublishPacket
        {
            TopicName = "/leading/empty//levels/",
            Payload = new byte[] { 0, 255, 0 },
            QualityOfService = MqttQualityOfService.ExactlyOnce,
            Dup = true,
            PacketIdentifier = 65535,
        },
        ["publish-empty-payload"] = _ => new PublishPacket { TopicName = "retained/clear", Retain = true },
        ["publish-unicode-topic"] = _ => new PublishPacket { TopicName = "\uFEFFcafé/日本/😀", Payload = Utf8("x") },
        ["publish-large"] = _ => new PublishPacket
        {
            TopicName = "bulk",
            Payload = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketIdentifier = 1,
        },
        ["publish-properties"] = v => V5(v) ? new PublishPacket
        {
            TopicName = "req/1",
            Payload = Utf8("{\"q\":1}"),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketIdentifier = 7,
            Properties = new MqttProperties
            {
                PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
                MessageExpiryInterval = 120,
                ContentType = "application/json",
                ResponseTopic = "resp/1",
                CorrelationData = new byte[] { 9, 8, 7 },
                TopicAlias = 3,
                SubscriptionIdentifiers = { 1, 127, 128, 16_383, 16_384, 268_435_455 },
                UserProperties = { new("trace", "abc"), new("trace", "def") },
            },
        } : null,
        ["publish-topic-alias"] = v => V5(v) ? new PublishPacket
        {
            TopicName = string.Empty,
            Payload = Utf8("x"),
            QualityOfService = MqttQualityOfService.ExactlyOnce,
            PacketIdentifier = 7,
            Properties = new MqttProperties { TopicAlias = 5 },
        } : null,
        ["puback"] = _ => new PubAckPacket { PacketIdentifier = 10 },
        ["pubrec"] = _ => new PubRecPacket { PacketIdentifier = 11 },
        ["pubrel"] = _ => new PubRelPacket { PacketIdentifier = 12 },
        ["pubcomp"] = _ => new PubCompPacket { PacketIdentifier = 13 },
        ["puback-reason"] = v => V5(v) ? new PubAckPacket { PacketIdentifier = 10, ReasonCode = MqttReasonCode.NoMatchingSubscribers } : null,
        ["pubrec-properties"] = v => V5(v) ? new PubRecPacket
        {
            PacketIdentifier = 11,
            ReasonCode = MqttReasonCode.QuotaExceeded,
            Properties = AckProperties(),
        } : null,
        ["pubrel-properties"] = v => V5(v) ? new PubRelPacket
        {
            PacketIdentifier = 12,
            ReasonCode = MqttReasonCode.PacketIdentifierNotFound,
            Properties = AckProperties(),
        } : null,
        ["pubcomp-properties"] = v => V5(v) ? new PubCompPacket { PacketIdentifier = 13, Properties = AckProperties() } : null,
        ["subscribe"] = _ => new SubscribePacket
        {
            PacketIdentifier = 10,
            Subscriptions =
            {
                new MqttSubscription("a/b", new MqttSubscriptionOptions(MqttQualityOfService.AtLeastOnce)),
                new MqttSubscription("c/+/#", new MqttSubscriptionOptions(MqttQualityOfService.ExactlyOnce)),
                new MqttSubscription("$share/g/x", new MqttSubscriptionOptions(MqttQualityOfService.AtMostOnce)),
            },
        },
        ["subscribe-options"] = v => V5(v) ? new SubscribePacket
        {
            PacketIdentifier = 11,
            Subscriptions =
            {
                new MqttSubscription("a/+", new MqttSubscriptionOptions(MqttQualityOfService.AtLeastOnce, NoLocal: true, RetainAsPublished: true, MqttRetainHandling.DoNotSend)),
                new MqttSubscription("$share/g/x/#", new MqttSubscriptionOptions(MqttQualityOfService.ExactlyOnce, RetainHandling: MqttRetainHandling.SendAtSubscribeIfNew)),
            },
            Properties = new MqttProperties { SubscriptionIdentifiers = { 5 }, UserProperties = { new("k", "v") } },
        } : null,
        ["suback"] = _ => new SubAckPacket
        {
            PacketIdentifier = 10,
            ReasonCodes = { MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError },
        },
        ["suback-properties"] = v => V5(v) ? new SubAckPacket
        {
            PacketIdentifier = 11,
            ReasonCodes = { MqttReasonCode.GrantedQoS1, MqttReasonCode.TopicFilterInvalid, MqttReasonCode.WildcardSubscriptionsNotSupported },
            Properties = AckProperties(),
        } : null,
        ["unsubscribe"] = v => new UnsubscribePacket
        {
            PacketIdentifier = 12,
            TopicFilters = { "a/b", "$share/g/#" },
            Properties = V5(v) ? new MqttProperties { UserProperties = { new("k", "v") } } : null,
        },
        ["unsuback"] = v => V5(v)
            ? new UnsubAckPacket { PacketIdentifier = 12, ReasonCodes = { MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted }, Properties = AckProperties() }
            : new UnsubAckPacket { PacketIdentifier = 12 },
        ["pingreq"] = _ => PingReqPacket.Instance,
        ["pingresp"] = _ => PingRespPacket.Instance,
        ["disconnect"] = _ => new DisconnectPacket(),
        ["disconnect-reason"] = v => V5(v) ? new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage } : null,
        ["disconnect-properties"] = v => V5(v) ? new DisconnectPacket
        {
            ReasonCode = MqttReasonCode.ServerMoved,
            Properties = new MqttProperties
            {
                SessionExpiryInterval = 0,
                ReasonString = "moved",
                ServerReference = "other:1883",
                UserProperties = { new("k", "v") },
            },
        } : null,
        ["auth"] = v => V5(v) ? new AuthPacket() : null,
        ["auth-continue"] = v => V5(v) ? new AuthPacket
        {
            ReasonCode = MqttReasonCode.ContinueAuthentication,
            Properties = new MqttProperties
            {
                AuthenticationMethod = "SCRAM-SHA-1",
                AuthenticationData = new byte[] { 1, 2, 3 },
                ReasonString = "more",
                UserProperties = { new("k", "v") },
            },
        } : null,
    };

    /// <summary>Every (sample, version) pair that exists, as xunit theory rows.</summary>
    public static TheoryData<string, MqttProtocolVersion> All
    {
        get
        {
            var data = new TheoryData<string, MqttProtocolVersion>();
            foreach (var version in Versions)
            {
                foreach (var (name, factory) in Factories)
                {
                    if (factory(version) is not null)
                    {
                        data.Add(name, version);
                    }
                }
            }
            return data;
        }
    }

    public static IEnumerable<(string Name, MqttPacket Packet)> For(MqttProtocolVersion version)
    {
        foreach (var (name, factory) in Factories)
        {
            if (factory(version) is { } packet)
            {
                yield return (name, packet);
            }
        }
    }

    public static MqttPacket Create(string name, MqttProtocolVersion version) =>
        Factories[name](version) ?? throw new ArgumentException($"No sample {name} for {version}.", nameof(name));

    private static bool V5(MqttProtocolVersion version) => version == MqttProtocolVersion.V500;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static MqttProperties WillProperties() => new()
    {
        WillDelayInterval = 30,
        PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
        MessageExpiryInterval = 60,
        ContentType = "text/plain",
        ResponseTopic = "status/reply",
        CorrelationData = new byte[] { 42 },
        UserProperties = { new("why", "crash") },
    };

    private static MqttProperties AckProperties() => new()
    {
        ReasonString = "because",
        UserProperties = { new("k", "v"), new("k", "v") },
    };
}
