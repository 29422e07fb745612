using System.Text;
using Interop.Tests.Infrastructure;
using TestCluster;

namespace Interop.Tests;

/// <summary>Shared subscriptions <c>$share/{group}/{filter}</c> with paho: the group's members split the messages,
/// each delivered once.</summary>
[Trait("Category", "Interop")]
public sealed class SharedSubscriptionTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    private const int Count = 100;

    [Theory]
    [InlineData("311")]
    [InlineData("5")]
    public async Task SharedSubscription_TwoPahoSubscribers_HundredMessagesSpreadWithoutLossOrDuplicates(string version)
    {
        var filter = $"$share/workers/{Prefix}/jobs/+";
        var first = Paho("sub.py", "--version", version, "--topic", filter, "--qos", 1, "--timeout", 60);
        var second = Paho("sub.py", "--version", version, "--topic", filter, "--qos", 1, "--timeout", 60);
        await first.WaitForEventAsync("ready", ClientTimeout);
        await second.WaitForEventAsync("ready", ClientTimeout);

        await Paho("pub.py", "--version", version, "--topic", $"{Prefix}/jobs/new", "--payload", "job", "--numbered", "--repeat", Count,
            "--qos", 1).SucceedAsync(ClientTimeout);

        await Wait.UntilAsync(() => first.Events("message").Count + second.Events("message").Count >= Count, ClientTimeout,
            $"{Count} messages over both subscribers");
        await Task.Delay(500); // a duplicate would come now
        var firstGot = Payloads(first);
        var secondGot = Payloads(second);
        firstGot.Should().NotBeEmpty("the group spreads messages over its members");
        secondGot.Should().NotBeEmpty("the group spreads messages over its members");
        firstGot.Concat(secondGot).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(Enumerable.Range(0, Count).Select(i => $"job-{i}"));
    }

    private static List<string> Payloads(ClientProcess subscriber) =>
        subscriber.Events("message").Select(m => Encoding.UTF8.GetString(Convert.FromHexString(m.GetProperty("payload").GetString()!))).ToList();
}
