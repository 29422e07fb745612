using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>Retained messages with mosquitto clients: found by a wildcard subscription, with RETAIN set; an empty
/// retained payload clears one.</summary>
[Trait("Category", "Interop")]
public sealed class RetainedMessageTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Retained_TwoTopicsThenWildcardSubscription_SubscriberGetsBothWithRetainFlag(string version)
    {
        await Mosquitto("mosquitto_pub", "-V", version, "-r", "-q", 1, "-t", $"{Prefix}/a/b", "-m", "value-b").SucceedAsync(ClientTimeout);
        await Mosquitto("mosquitto_pub", "-V", version, "-r", "-q", 1, "-t", $"{Prefix}/a/c", "-m", "value-c").SucceedAsync(ClientTimeout);

        var sub = Mosquitto("mosquitto_sub", "-V", version, "-q", 1, "-t", $"{Prefix}/a/#", "-F", "%r %t %p", "-C", 2, "-W", 20);
        await sub.SucceedAsync(ClientTimeout);

        sub.Lines.Should().BeEquivalentTo($"1 {Prefix}/a/b value-b", $"1 {Prefix}/a/c value-c");
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Retained_EmptyPayloadPublished_ClearsTheRetainedMessage(string version)
    {
        await Mosquitto("mosquitto_pub", "-V", version, "-r", "-q", 1, "-t", $"{Prefix}/a/b", "-m", "value-b").SucceedAsync(ClientTimeout);
        await Mosquitto("mosquitto_pub", "-V", version, "-r", "-q", 1, "-t", $"{Prefix}/a/c", "-m", "value-c").SucceedAsync(ClientTimeout);

        await Mosquitto("mosquitto_pub", "-V", version, "-r", "-q", 1, "-t", $"{Prefix}/a/b", "-n").SucceedAsync(ClientTimeout);

        // The retained messages a subscription finds are sent together, before anything published after the
        // subscriber saw one of them: so a marker published then comes after every retained message there is.
        var sub = Mosquitto("mosquitto_sub", "-V", version, "-q", 1, "-t", $"{Prefix}/a/#", "-F", "%r %t %p", "-C", 2, "-W", 20);
        await sub.WaitForLineAsync(l => l.Contains("/a/c", StringComparison.Ordinal), ClientTimeout, "the retained message on a/c");
        await Mosquitto("mosquitto_pub", "-V", version, "-q", 1, "-t", $"{Prefix}/a/marker", "-m", "marker").SucceedAsync(ClientTimeout);
        await sub.SucceedAsync(ClientTimeout);

        sub.Lines.Should().Equal($"1 {Prefix}/a/c value-c", $"0 {Prefix}/a/marker marker");
    }

    [Fact]
    public async Task Retained_LeadingWildcardSubscription_FindsRetainedMessagesUnderEveryFirstLevel()
    {
        var second = Guid.NewGuid().ToString("N")[..10];
        await Mosquitto("mosquitto_pub", "-r", "-q", 1, "-t", $"{Prefix}x/{second}/one", "-m", "1").SucceedAsync(ClientTimeout);
        await Mosquitto("mosquitto_pub", "-r", "-q", 1, "-t", $"{Prefix}y/{second}/two", "-m", "2").SucceedAsync(ClientTimeout);
        await Mosquitto("mosquitto_pub", "-r", "-q", 1, "-t", $"{Prefix}z/other/three", "-m", "3").SucceedAsync(ClientTimeout);

        var sub = Mosquitto("mosquitto_sub", "-q", 1, "-t", $"+/{second}/#", "-F", "%r %t %p", "-C", 2, "-W", 20);
        await sub.SucceedAsync(ClientTimeout);

        sub.Lines.Should().BeEquivalentTo($"1 {Prefix}x/{second}/one 1", $"1 {Prefix}y/{second}/two 2");
    }
}
