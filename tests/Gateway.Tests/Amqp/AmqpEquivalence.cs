using FluentAssertions.Equivalency;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>Structural comparison of composites: AMQP values by their own equality, memory by content, runtime types respected.</summary>
public static class AmqpEquivalence
{
    public static void ShouldBeEquivalentComposite(this AmqpComposite? actual, AmqpComposite? expected, string because = "")
    {
        if (expected is null)
        {
            actual.Should().BeNull(because);
            return;
        }
        actual.Should().NotBeNull(because);
        actual!.GetType().Should().Be(expected.GetType(), because);
        actual.Should().BeEquivalentTo(expected, options => options
            .RespectingRuntimeTypes()
            .WithStrictOrdering()
            .ComparingByValue<AmqpValue>()
            .ComparingByValue<AmqpMap>()
            .ComparingByValue<AmqpList>()
            .ComparingByValue<AmqpArray>()
            .ComparingByValue<AmqpDescribed>()
            .ComparingByValue<AmqpSymbol>()
            .ComparingByValue<AmqpDescriptor>()
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
