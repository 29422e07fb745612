using System.Text;
using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>1,000 topics, subscribers with <c>+</c> and <c>#</c> filters (paho) at QoS 1 (queued: the session inbox)
/// and QoS 0 (transient topic subscribers): each gets exactly the messages of the topics its filter matches, once each.</summary>
[Trait("Category", "Interop")]
public sealed class WildcardRoutingTests(BrokerFixture broker, ITestOutputHelper output)
    : InteropTest<BrokerFixture>(broker, output), IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Publish_ThousandDistinctTopics_EachWildcardSubscriberGetsExactlyTheMatchingOnes(int qos)
    {
        // {prefix}/b0..b9/f0..f9/s0..s9: 1,000 topics.
        var topics = (from b in Enumerable.Range(0, 10)
                      from f in Enumerable.Range(0, 10)
                      from s in Enumerable.Range(0, 10)
                      select $"{Prefix}/b{b}/f{f}/s{s}").ToList();
        string[] filters = [$"{Prefix}/#", $"{Prefix}/b3/#", $"{Prefix}/+/f5/+", $"{Prefix}/+/+/s7", $"{Prefix}/b1/f2/s3", $"{Prefix}/b4/+/#"];
        var subscribers = new List<(string Filter, List<string> Expected, ClientProcess Process)>();
        foreach (var filter in filters)
        {
            var expected = topics.Where(t => Matches(filter, t)).ToList();
            var process = Paho("sub.py", "--topic", filter, "--qos", qos, "--count", expected.Count, "--linger", 1, "--timeout", 90);
            subscribers.Add((filter, expected, process));
        }
        // Matches nothing of the 1,000 (one level short): only the end marker published after them (outside the prefix).
        var end = $"{Prefix}-end";
        var none = Paho("sub.py", "--topic", $"{Prefix}/+/f5", "--topic", end, "--qos", qos, "--count", 1, "--linger", 1, "--timeout", 90);
        foreach (var subscriber in subscribers)
        {
            await subscriber.Process.WaitForEventAsync("ready", ClientTimeout);
        }
        await none.WaitForEventAsync("ready", ClientTimeout);
        var topicsFile = WriteFile("topics.txt", Encoding.UTF8.GetBytes(string.Join('\n', topics) + "\n"));

        await Paho("pub.py", "--topics-file", topicsFile, "--qos", 1, "--timeout", 60).SucceedAsync(TimeSpan.FromSeconds(90));
        await Paho("pub.py", "--topic", end, "--payload", "end", "--qos", 1).SucceedAsync(ClientTimeout);

        foreach (var (filter, expected, process) in subscribers)
        {
            await process.SucceedAsync(TimeSpan.FromSeconds(90));
            var got = process.Events("message").Select(m => (Topic: m.GetProperty("topic").GetString()!,
                Payload: Encoding.UTF8.GetString(Convert.FromHexString(m.GetProperty("payload").GetString()!)))).ToList();
            got.Select(m => m.Topic).Should().OnlyHaveUniqueItems($"{filter} gets each message once")
                .And.BeEquivalentTo(expected, $"{filter} gets exactly the topics it matches");
            got.Should().OnlyContain(m => m.Payload == m.Topic);
        }
        await none.SucceedAsync(ClientTimeout);
        none.Events("message").Select(m => m.GetProperty("topic").GetString()).Should().Equal(end);
    }

    /// <summary>MQTT filter matching written out here, independent of the broker's.</summary>
    private static bool Matches(string filter, string topic)
    {
        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }
            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }
        return f.Length == t.Length;
    }
}
