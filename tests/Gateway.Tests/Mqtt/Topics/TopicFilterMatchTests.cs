using Gateway.Mqtt.Topics;

namespace Gateway.Tests.Mqtt.Topics;

/// <summary>Matching examples of MQTT 5.0 §4.7.1-§4.7.2 (and the same section of 3.1.1).</summary>
[Trait("Category", "Unit")]
public sealed class TopicFilterMatchTests
{
    [Theory]
    // §4.7.1.2 multi-level wildcard
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1")]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking")]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon")]
    [InlineData("sport/tennis/#", "sport/tennis")]
    [InlineData("sport/#", "sport")]
    [InlineData("#", "sport/tennis/player1")]
    [InlineData("#", "/")]
    [InlineData("#", "a")]
    // §4.7.1.3 single-level wildcard
    [InlineData("sport/tennis/+", "sport/tennis/player1")]
    [InlineData("sport/tennis/+", "sport/tennis/player2")]
    [InlineData("sport/+", "sport/")]
    [InlineData("+", "finance")]
    [InlineData("+/+", "/finance")]
    [InlineData("/+", "/finance")]
    [InlineData("+/tennis/#", "sport/tennis/player1")]
    [InlineData("+/+/+", "a//c")]
    // Literal filters and empty levels
    [InlineData("a/b", "a/b")]
    [InlineData("a//b", "a//b")]
    [InlineData("/", "/")]
    // $-topics are matched by filters that spell the $ level out
    [InlineData("$SYS/#", "$SYS/broker/clients")]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients")]
    [InlineData("$SYS/#", "$SYS")]
    // Shared subscriptions match through their inner filter
    [InlineData("$share/group/sport/#", "sport/tennis")]
    [InlineData("$share/g/+", "a")]
    public void Matches_MatchingTopic_ReturnsTrue(string filter, string topic) =>
        TopicFilter.Matches(filter, topic).Should().BeTrue();

    [Theory]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking")]
    [InlineData("sport/+", "sport")]
    [InlineData("+", "/finance")]
    [InlineData("sport/tennis/#", "sport/tenni")]
    [InlineData("sport/tennis/#", "sport/tennisball")]
    [InlineData("sport/tennis", "sport/tennis/player1")]
    [InlineData("sport/tennis/player1", "sport/tennis")]
    [InlineData("a/b", "a/B")] // case-sensitive, no normalization [MQTT-4.7.3-4]
    [InlineData("a/b", "a/b/")]
    [InlineData("a//b", "a/b")]
    [InlineData("café", "cafe\u0301")] // no Unicode normalization [MQTT-4.7.3-4]
    // [MQTT-4.7.2-1]: a leading wildcard never matches a $-topic
    [InlineData("#", "$SYS/broker/clients")]
    [InlineData("#", "$SYS")]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients")]
    [InlineData("+", "$SYS")]
    [InlineData("$share/g/#", "$SYS/x")]
    [InlineData("$SYS/#", "SYS/x")]
    public void Matches_NonMatchingTopic_ReturnsFalse(string filter, string topic) =>
        TopicFilter.Matches(filter, topic).Should().BeFalse();

    [Fact]
    public void Matches_Spans_AllocateNothing()
    {
        TopicFilter.Matches("sport/+/player1/#", "sport/tennis/player1/score");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var matched = TopicFilter.Matches("sport/+/player1/#".AsSpan(), "sport/tennis/player1/score".AsSpan());

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
        matched.Should().BeTrue();
    }
}
