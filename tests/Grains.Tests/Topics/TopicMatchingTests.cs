using Grains.Interfaces.Topics;

namespace Grains.Tests.Topics;

[Trait("Category", "Unit")]
public sealed class TopicMatchingTests
{
    [Theory]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("#", "anything/at/all", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("#", "$SYS/broker/clients", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/c", false)]
    public void Matches_SpecExamples_AgreeWithTrie(string filter, string topic, bool expected)
    {
        TopicFilter.Matches(filter, topic).Should().Be(expected);
        var trie = new TopicTrie();
        trie.Add(filter);
        trie.Match(topic).Contains(filter).Should().Be(expected);
    }

    [Theory]
    [InlineData("sport/tennis#")]
    [InlineData("sport/tennis/#/ranking")]
    [InlineData("sport+")]
    [InlineData("")]
    public void Validate_InvalidFilters_AreRejected(string filter) => TopicFilter.Validate(filter).Should().NotBeNull();

    [Fact]
    public void Trie_ThousandFilters_MatchesExactlyWhatLinearMatchingDoes()
    {
        var random = new Random(7);
        string Level() => random.Next(6) switch { 0 => "+", _ => $"l{random.Next(4)}" };
        var filters = new HashSet<string>();
        while (filters.Count < 1000)
        {
            var levels = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Level()).ToList();
            if (random.Next(4) == 0)
            {
                levels.Add("#");
            }
            filters.Add(string.Join('/', levels));
        }
        var trie = new TopicTrie();
        foreach (var filter in filters)
        {
            trie.Add(filter);
        }
        for (var i = 0; i < 2000; i++)
        {
            var topic = string.Join('/', Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"l{random.Next(4)}"));
            trie.Match(topic).Should().BeEquivalentTo(filters.Where(f => TopicFilter.Matches(f, topic)), topic);
        }
        foreach (var filter in filters.Take(500))
        {
            trie.Remove(filter).Should().BeTrue();
        }
        trie.Count.Should().Be(500);
    }
}
