using Gateway.Amqp.Bridge;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp.Bridge;

/// <summary>The JMS node-type capabilities of a terminus decide what a bare address names; the answer carries the resolved one.</summary>
public sealed class TerminusCapabilitiesTests
{
    [Theory]
    [InlineData(new[] { "topic" }, AmqpNodeKind.Topic)]
    [InlineData(new[] { "temporary-topic" }, AmqpNodeKind.Topic)]
    [InlineData(new[] { "queue" }, AmqpNodeKind.Queue)]
    [InlineData(new[] { "temporary-queue" }, AmqpNodeKind.Queue)]
    [InlineData(new[] { "shared", "topic" }, AmqpNodeKind.Topic)]
    [InlineData(new[] { "shared" }, null)]
    [InlineData(new string[0], null)]
    public void RequestedKind_NodeTypeCapability_ItsKind(string[] capabilities, AmqpNodeKind? kind) =>
        TerminusCapabilities.RequestedKind([.. capabilities.Select(c => new AmqpSymbol(c))]).Should().Be(kind);

    [Fact]
    public void RequestedKind_NoCapabilities_Null() => TerminusCapabilities.RequestedKind(null).Should().BeNull();

    [Theory]
    [InlineData("orders", AmqpNodeKind.Topic, AmqpNodeKind.Topic)]
    [InlineData("orders", AmqpNodeKind.Queue, AmqpNodeKind.Queue)]
    [InlineData("/queues/orders", AmqpNodeKind.Topic, AmqpNodeKind.Queue)]
    [InlineData("topic://orders", AmqpNodeKind.Queue, AmqpNodeKind.Topic)]
    public void AmqpAddress_BareKind_AppliesOnlyWithoutPrefix(string address, AmqpNodeKind bare, AmqpNodeKind expected)
    {
        AmqpAddress.TryParse(address, forReceiving: false, bare, out var parsed, out var problem).Should().BeTrue(problem);

        parsed.Should().Be(new AmqpAddress(expected, "orders"));
    }

    [Theory]
    [InlineData(AmqpNodeKind.Queue, false, "queue")]
    [InlineData(AmqpNodeKind.Topic, false, "topic")]
    [InlineData(AmqpNodeKind.Queue, true, "temporary-queue")]
    [InlineData(AmqpNodeKind.Topic, true, "temporary-topic")]
    public void Of_ResolvedNode_OneCapability(AmqpNodeKind kind, bool temporary, string expected) =>
        TerminusCapabilities.Of(kind, temporary).Should().Equal(new AmqpSymbol(expected));
}
