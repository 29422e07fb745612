using FluentAssertions.Equivalency;
using Gateway.Mqtt.Codec;

namespace Gateway.Tests.Support;

/// <summary>Structural comparison of packets, with <see cref="ReadOnlyMemory{T}"/> compared by content.</summary>
public static class PacketEquivalence
{
    public static void ShouldBeEquivalentPacket(this MqttPacket actual, MqttPacket expected, string because = "")
    {
        actual.Should().BeOfType(expected.GetType(), because);
        actual.Should().BeEquivalentTo(expected, options => options
            .RespectingRuntimeTypes()
            .WithStrictOrdering()
            .Using(new MemoryByContentStep()), because);
    }

    private sealed class MemoryByContentStep : IEquivalencyStep
    {
        public EquivalencyResult Handle(Comparands comparands, IEquivalencyValidationContext context, IEquivalencyValidator nestedValidator)
        {
            if (comparands.Expectation is not ReadOnlyMemory<byte> expected)
            {
                return EquivalencyResult.ContinueWithNext;
            }
            if (comparands.Subject is not ReadOnlyMemory<byte> subject)
            {
                comparands.Subject.Should().BeOfType<ReadOnlyMemory<byte>>(context.Reason.FormattedMessage);
                return EquivalencyResult.AssertionCompleted;
            }
            Hex.Format(subject.Span).Should().Be(Hex.Format(expected.Span), $"{context.CurrentNode.Description} holds the same bytes");
            return EquivalencyResult.AssertionCompleted;
        }
    }
}
