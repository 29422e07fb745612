using Grains.Interfaces.Topics;

namespace Gateway.Tests.Mqtt.Topics;

/// <summary>Shared Subscription filters "$share/{ShareName}/{filter}" (MQTT 5.0 §4.8.2).</summary>
[Trait("Category", "Unit")]
public sealed class SharedSubscriptionTests
{
    [Theory]
    [InlineData("$share/consumer1/sport/tennis/+", "consumer1", "sport/tennis/+")]
    [InlineData("$share/consumer2/sport/tennis/+", "consumer2", "sport/tennis/+")]
    [InlineData("$share/consumer1//finance", "consumer1", "/finance")]
    [InlineData("$share/g/#", "g", "#")]
    [InlineData("$share/g/$SYS/x", "g", "$SYS/x")]
    public void TryParse_SharedFilter_SplitsShareNameAndFilter(string filter, string shareName, string inner)
    {
        SharedSubscription.TryParse(filter, out var shared).Should().BeTrue();

        shared.ShareName.Should().Be(shareName);
        shared.TopicFilter.Should().Be(inner);
        shared.ToString().Should().Be(filter);
    }

    [Theory]
    [InlineData("sport/tennis")] // not shared
    [InlineData("$SYS/share/g/a")]
    [InlineData("$share")]
    [InlineData("$share/")]
    [InlineData("$share//a")] // [MQTT-4.8.2-1]: ShareName at least one character
    [InlineData("$share/g")] // [MQTT-4.8.2-2]: ShareName followed by "/" and a Topic Filter
    [InlineData("$share/g/")]
    [InlineData("$share/g+h/a")] // [MQTT-4.8.2-2]: no "+" or "#" in ShareName
    [InlineData("$share/g#/a")]
    [InlineData("$SHARE/g/a")] // the prefix is case-sensitive
    public void TryParse_NotAValidSharedFilter_ReturnsFalse(string filter) =>
        SharedSubscription.TryParse(filter, out _).Should().BeFalse();

    [Theory]
    [InlineData("$share/g/a", true)]
    [InlineData("$share/", true)]
    [InlineData("$sharex/g/a", false)]
    [InlineData("share/g/a", false)]
    public void IsShared_Filter_ChecksThePrefix(string filter, bool expected) =>
        SharedSubscription.IsShared(filter).Should().Be(expected);
}
