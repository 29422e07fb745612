using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>FsCheck properties: random valid packets round-trip, random bytes only ever fail as MQTT errors.</summary>
[Trait("Category", "Unit")]
public sealed class CodecPropertyTests
{
    [Property(MaxTest = 300)]
    public Property RoundTrip_RandomPublishV311_IsEquivalent() =>
        Prop.ForAll(CodecGenerators.Publish(v5: false).ToArbitrary(), packet => RoundTrips(packet, MqttProtocolVersion.V311));

    [Property(MaxTest = 300)]
    public Property RoundTrip_RandomPublishV5_IsEquivalent() =>
        Prop.ForAll(CodecGenerators.Publish(v5: true).ToArbitrary(), packet => RoundTrips(packet, MqttProtocolVersion.V500));

    [Property(MaxTest = 300)]
    public Property GetPublishSize_RandomPublish_EqualsTheBytesWritten() =>
        Prop.ForAll(CodecGenerators.Publish(v5: true).ToArbitrary(), packet => MeasuresExactly((PublishPacket)packet));

    [Property(MaxTest = 300)]
    public Property RoundTrip_RandomSubscribeV311_IsEquivalent() =>
        Prop.ForAll(CodecGenerators.Subscribe(v5: false).ToArbitrary(), packet => RoundTrips(packet, MqttProtocolVersion.V311));

    [Property(MaxTest = 300)]
    public Property RoundTrip_RandomSubscribeV5_IsEquivalent() =>
        Prop.ForAll(CodecGenerators.Subscribe(v5: true).ToArbitrary(), packet => RoundTrips(packet, MqttProtocolVersion.V500));

    [Property(MaxTest = 1000)]
    public Property TryRead_RandomBytes_OnlyThrowsMqttProtocolException() =>
        Prop.ForAll(CodecGenerators.RandomFrames().ToArbitrary(), input => ReadsSafely(input.Bytes, input.Version));

    [Property(MaxTest = 1000)]
    public Property TryRead_MutatedValidPackets_OnlyThrowsMqttProtocolException() =>
        Prop.ForAll(CodecGenerators.MutatedSamples().ToArbitrary(), input => ReadsSafely(input.Bytes, input.Version));

    /// <summary>v5 as generated; v3.1.1 as that version carries it (a topic, no properties).</summary>
    private static bool MeasuresExactly(PublishPacket packet)
    {
        MqttPacketWriter.GetPublishSize(packet, MqttProtocolVersion.V500).Should().Be(Wire.Encode(packet, MqttProtocolVersion.V500).Length);
        packet.Properties = null;
        packet.TopicName = packet.TopicName.Length > 0 ? packet.TopicName : "t";
        MqttPacketWriter.GetPublishSize(packet, MqttProtocolVersion.V311).Should().Be(Wire.Encode(packet, MqttProtocolVersion.V311).Length);
        return true;
    }

    private static bool RoundTrips(MqttPacket packet, MqttProtocolVersion version)
    {
        var bytes = Wire.Encode(packet, version);
        Wire.Decode(bytes, version).ShouldBeEquivalentPacket(packet);
        // The same packet split in two anywhere decodes the same.
        var at = 1 + (bytes.Length * 7 / 13 % (bytes.Length - 1));
        Wire.Decode(Sequences.Split(bytes, at), version).ShouldBeEquivalentPacket(packet);
        return true;
    }

    /// <summary>
    /// Decodes until the reader asks for more bytes. Each successful read consumes at least two bytes, so the loop
    /// ends; anything but <see cref="MqttProtocolException"/> escapes and fails the property.
    /// </summary>
    private static bool ReadsSafely(byte[] bytes, MqttProtocolVersion version)
    {
        foreach (var sequence in new[] { new ReadOnlySequence<byte>(bytes), Sequences.Split(bytes, bytes.Length / 2) })
        {
            var reader = new MqttPacketReader(version, maximumPacketSize: 4096);
            var buffer = sequence;
            try
            {
                var reads = 0;
                while (reader.TryRead(ref buffer, out _))
                {
                    reads++;
                    reads.Should().BeLessThanOrEqualTo(bytes.Length / 2, "each packet is at least two bytes");
                }
            }
            catch (MqttProtocolException)
            {
                // The only acceptable failure.
            }
        }
        return true;
    }
}
