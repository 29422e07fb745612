using Gateway.Mqtt.Session;

namespace Gateway.Tests.Mqtt.Session;

/// <summary>The per-connection alias map: free aliases first, then the least recently used one is taken over; nothing
/// changes until a choice is committed (a packet too large to send leaves the map as it was).</summary>
[Trait("Category", "Unit")]
public sealed class OutboundTopicAliasesTests
{
    [Fact]
    public void Choose_NewTopics_TakeFreeAliasesInOrder_RepeatsAreKnown()
    {
        var aliases = new OutboundTopicAliases(3);

        Send(aliases, "a").Should().Be((1, false));
        Send(aliases, "b").Should().Be((2, false));
        Send(aliases, "a").Should().Be((1, true));
        Send(aliases, "c").Should().Be((3, false));
        Send(aliases, "b").Should().Be((2, true));
    }

    [Fact]
    public void Choose_MapFull_LeastRecentlyUsedAliasTakenOverAndItsOldTopicForgotten()
    {
        var aliases = new OutboundTopicAliases(2);
        Send(aliases, "a");
        Send(aliases, "b");
        Send(aliases, "a"); // b is now the least recently used

        Send(aliases, "c").Should().Be((2, false));
        Send(aliases, "b").Should().Be((1, false), "b lost its alias; a (alias 1) is now the least recently used");
        Send(aliases, "c").Should().Be((2, true));
        Send(aliases, "a").Should().Be((1, false), "b (alias 1) was used before c");
    }

    [Fact]
    public void Choose_NotCommitted_ChangesNothing()
    {
        var aliases = new OutboundTopicAliases(1);
        Send(aliases, "a");

        aliases.Choose("big", out var known).Should().Be(1);
        known.Should().BeFalse();

        Send(aliases, "a").Should().Be((1, true), "the uncommitted choice for 'big' did not take alias 1 from 'a'");
    }

    [Fact]
    public void Choose_NeverAboveTheMaximum()
    {
        var aliases = new OutboundTopicAliases(5);

        for (var i = 0; i < 100; i++)
        {
            Send(aliases, $"t/{i % 17}").Alias.Should().BeInRange(1, 5);
        }
    }

    [Fact]
    public void Constructor_ZeroMaximum_Throws() =>
        FluentActions.Invoking(() => new OutboundTopicAliases(0)).Should().Throw<ArgumentOutOfRangeException>();

    private static (int Alias, bool Known) Send(OutboundTopicAliases aliases, string topic)
    {
        var alias = aliases.Choose(topic, out var known);
        aliases.Commit(topic, alias);
        return (alias, known);
    }
}
