using Gateway.Mqtt.Topics;

namespace Gateway.Tests.Mqtt.Topics;

/// <summary>Topic Name and Topic Filter syntax (MQTT 5.0 §4.7.1, §4.7.3).</summary>
[Trait("Category", "Unit")]
public sealed class TopicValidationTests
{
    [Theory]
    [InlineData("sport/tennis/player1")]
    [InlineData("/")] // two empty levels
    [InlineData("a//b")]
    [InlineData("/finance")]
    [InlineData("finance/")]
    [InlineData("$SYS/broker")]
    [InlineData(" ")]
    [InlineData("日本/😀")]
    public void IsValid_TopicName_ReturnsTrue(string topic) => TopicName.IsValid(topic).Should().BeTrue();

    [Theory]
    [InlineData("")] // [MQTT-4.7.3-1]
    [InlineData("sport/#")] // [MQTT-4.7.0-1]
    [InlineData("sport/+/x")]
    [InlineData("a+b")]
    [InlineData("a\0b")] // [MQTT-4.7.3-2]
    public void IsValid_InvalidTopicName_ReturnsFalse(string topic) => TopicName.IsValid(topic).Should().BeFalse();

    [Fact]
    public void IsValid_TopicNameOver65535Utf8Bytes_ReturnsFalse()
    {
        TopicName.IsValid(new string('é', 32_768)).Should().BeFalse("65,536 bytes of UTF-8 [MQTT-4.7.3-3]");
        TopicName.IsValid(new string('a', 65_535)).Should().BeTrue();
    }

    [Theory]
    [InlineData("#")]
    [InlineData("+")]
    [InlineData("sport/#")]
    [InlineData("sport/tennis/#")]
    [InlineData("+/tennis/#")]
    [InlineData("sport/+/player1")]
    [InlineData("+/+")]
    [InlineData("/+")]
    [InlineData("a//b")]
    [InlineData("$SYS/#")]
    [InlineData("$share/group/sport/#")]
    [InlineData("$share/g/+")]
    [InlineData("$share/g//")]
    public void IsValid_TopicFilter_ReturnsTrue(string filter) => TopicFilter.IsValid(filter).Should().BeTrue();

    [Theory]
    [InlineData("")] // [MQTT-4.7.3-1]
    [InlineData("sport/tennis#")] // [MQTT-4.7.1-1]: '#' must be a whole level
    [InlineData("sport/tennis/#/ranking")] // [MQTT-4.7.1-1]: '#' must be last
    [InlineData("#/a")]
    [InlineData("sport+")] // [MQTT-4.7.1-2]: '+' must be a whole level
    [InlineData("sport/+tennis")]
    [InlineData("a/b\0")] // [MQTT-4.7.3-2]
    [InlineData("$share/")] // [MQTT-4.8.2-1]
    [InlineData("$share//a")] // empty ShareName [MQTT-4.8.2-1]
    [InlineData("$share/g")] // no "/" and filter after the ShareName [MQTT-4.8.2-2]
    [InlineData("$share/g/")]
    [InlineData("$share/g+/a")] // [MQTT-4.8.2-2]
    [InlineData("$share/#/a")]
    [InlineData("$share/g/a#")] // inner filter must be valid
    public void IsValid_InvalidTopicFilter_ReturnsFalse(string filter) => TopicFilter.IsValid(filter).Should().BeFalse();

    [Theory]
    [InlineData("a/+", true)]
    [InlineData("a/#", true)]
    [InlineData("a/b", false)]
    public void HasWildcards_Filter_ReportsWildcards(string filter, bool expected) =>
        TopicFilter.HasWildcards(filter).Should().Be(expected);
}
