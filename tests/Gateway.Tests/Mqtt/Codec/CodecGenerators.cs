using FsCheck;
using FsCheck.Fluent;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>FsCheck generators of valid packets and of hostile input.</summary>
internal static class CodecGenerators
{
    private static readonly string[] LevelWords = ["a", "sport", "tennis", "é", "日本", "😀", "$SYS", "x y", string.Empty, "\uFEFF"];

    public sealed record Frame(byte[] Bytes, MqttProtocolVersion Version)
    {
        public override string ToString() => $"{Version}: {Hex.Format(Bytes)}";
    }

    public static Gen<string> TopicName() =>
        Gen.Elements(LevelWords).ListOf().Select(levels => string.Join('/', levels))
            .Where(topic => topic.Length > 0);

    public static Gen<string> TopicFilter() =>
        Gen.Elements([.. LevelWords, "+"]).ListOf()
            .SelectMany(levels => Gen.Elements(false, true), (levels, multi) =>
                string.Join('/', multi ? [.. levels, "#"] : levels))
            .Where(filter => filter.Length > 0);

    public static Gen<string> Text() =>
        Gen.Elements("", "k", "value", "ünïcödé", "日本語", "😀", "a b c", "\uFEFF").ListOf(3).Select(parts => string.Concat(parts));

    public static Gen<byte[]> Bytes() => ArbMap.Default.GeneratorFor<byte[]>();

    public static Gen<MqttPacket> Publish(bool v5) =>
        from qos in Gen.Elements(MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce, MqttQualityOfService.ExactlyOnce)
        from topic in TopicName()
        from payload in Bytes()
        from retain in Gen.Elements(false, true)
        from dup in Gen.Elements(false, true)
        from id in Gen.Choose(1, 65535)
        from properties in v5 ? PublishProperties() : Gen.Constant<MqttProperties?>(null)
        select (MqttPacket)new PublishPacket
        {
            TopicName = topic,
            Payload = payload,
            QualityOfService = qos,
            Retain = retain,
            Dup = dup && qos != MqttQualityOfService.AtMostOnce,
            PacketIdentifier = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : (ushort)id,
            Properties = properties,
        };

    public static Gen<MqttPacket> Subscribe(bool v5) =>
        from id in Gen.Choose(1, 65535)
        from subscriptions in Subscription(v5).NonEmptyListOf()
        from subscriptionIdentifier in Gen.Choose(0, 268_435_455)
        from users in UserProperties()
        select (MqttPacket)Build(id, subscriptions, v5, subscriptionIdentifier, users);

    public static Gen<Frame> RandomFrames() =>
        from bytes in Bytes()
        from version in Gen.Elements(MqttProtocolVersion.Unknown, MqttProtocolVersion.V310, MqttProtocolVersion.V311, MqttProtocolVersion.V500)
        select new Frame(bytes, version);

    /// <summary>Valid sample encodings with a few bytes overwritten, removed or appended: deeper than random noise.</summary>
    public static Gen<Frame> MutatedSamples()
    {
        var samples = SamplePackets.Versions
            .SelectMany(v => SamplePackets.For(v).Where(s => s.Name != "publish-large").Select(s => new Frame(Wire.Encode(s.Packet, v), v)))
            .ToArray();
        return from sample in Gen.Elements(samples)
               from edits in Gen.Zip(Gen.Choose(0, 10_000), Gen.Choose(0, 255)).ListOf(4)
               from cut in Gen.Choose(0, 3)
               select new Frame(Mutate(sample.Bytes, edits, cut), sample.Version);
    }

    private static byte[] Mutate(byte[] bytes, IEnumerable<(int Position, int Value)> edits, int cut)
    {
        var copy = bytes.ToArray();
        foreach (var (position, value) in edits)
        {
            copy[position % copy.Length] = (byte)value;
        }
        return cut == 0 ? copy[..Math.Max(1, copy.Length - 1)] : copy;
    }

    private static SubscribePacket Build(int id, IEnumerable<MqttSubscription> subscriptions, bool v5, int subscriptionIdentifier, List<MqttUserProperty> users)
    {
        var packet = new SubscribePacket { PacketIdentifier = (ushort)id };
        packet.Subscriptions.AddRange(subscriptions);
        if (v5 && (subscriptionIdentifier > 0 || users.Count > 0))
        {
            packet.Properties = new MqttProperties();
            if (subscriptionIdentifier > 0)
            {
                packet.Properties.SubscriptionIdentifiers.Add(subscriptionIdentifier);
            }
            packet.Properties.UserProperties.AddRange(users);
        }
        return packet;
    }

    private static Gen<MqttSubscription> Subscription(bool v5) =>
        from filter in TopicFilter()
        from shareName in Gen.Elements<string?>(null, "g", "group-1")
        from qos in Gen.Elements(MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce, MqttQualityOfService.ExactlyOnce)
        from noLocal in Gen.Elements(false, true)
        from retainAsPublished in Gen.Elements(false, true)
        from retainHandling in Gen.Elements(MqttRetainHandling.SendAtSubscribe, MqttRetainHandling.SendAtSubscribeIfNew, MqttRetainHandling.DoNotSend)
        select new MqttSubscription(
            shareName is null ? filter : $"$share/{shareName}/{filter}",
            v5
                ? new MqttSubscriptionOptions(qos, noLocal && shareName is null, retainAsPublished, retainHandling)
                : new MqttSubscriptionOptions(qos));

    private static Gen<List<MqttUserProperty>> UserProperties() =>
        Gen.Zip(Text(), Text()).Select(pair => new MqttUserProperty(pair.Item1, pair.Item2)).ListOf(3).Select(list => list.ToList());

    private static Gen<MqttProperties?> PublishProperties() =>
        from present in Gen.Elements(false, true)
        from format in Gen.Elements<MqttPayloadFormatIndicator?>(null, MqttPayloadFormatIndicator.Unspecified, MqttPayloadFormatIndicator.CharacterData)
        from expiry in Gen.Elements<uint?>(null, 0, 60, uint.MaxValue)
        from contentType in Gen.OneOf(Gen.Constant<string?>(null), Text().Select(t => (string?)t))
        from responseTopic in Gen.OneOf(Gen.Constant<string?>(null), TopicName().Select(t => (string?)t))
        from correlation in Gen.OneOf(Gen.Constant<byte[]?>(null), Bytes().Select(b => (byte[]?)b))
        from alias in Gen.Elements<ushort?>(null, 1, 65535)
        from subscriptionIdentifiers in Gen.Choose(1, 268_435_455).ListOf(3)
        from users in UserProperties()
        select present ? Properties(format, expiry, contentType, responseTopic, correlation, alias, subscriptionIdentifiers, users) : null;

    private static MqttProperties? Properties(
        MqttPayloadFormatIndicator? format,
        uint? expiry,
        string? contentType,
        string? responseTopic,
        byte[]? correlation,
        ushort? alias,
        IEnumerable<int> subscriptionIdentifiers,
        List<MqttUserProperty> users)
    {
        var properties = new MqttProperties
        {
            PayloadFormatIndicator = format,
            MessageExpiryInterval = expiry,
            ContentType = contentType,
            ResponseTopic = responseTopic,
            CorrelationData = correlation is null ? null : correlation,
            TopicAlias = alias,
        };
        properties.SubscriptionIdentifiers.AddRange(subscriptionIdentifiers);
        properties.UserProperties.AddRange(users);
        var empty = format is null && expiry is null && contentType is null && responseTopic is null && correlation is null
            && alias is null && !properties.HasSubscriptionIdentifiers && !properties.HasUserProperties;
        return empty ? null : properties; // an empty block is written as Property Length 0 and reads back as null
    }
}
