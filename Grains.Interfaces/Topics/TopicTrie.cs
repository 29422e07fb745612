namespace Grains.Interfaces.Topics;

/// <summary>
/// A set of topic filters indexed by level, answering "which filters match this topic name" without scanning them all
/// (NATS' sublist, MQTT brokers' subscription trees). Not thread-safe: owners copy on write or lock.
/// </summary>
public sealed class TopicTrie
{
    private readonly Node _root = new();

    public int Count { get; private set; }

    public bool Add(string filter)
    {
        var node = _root;
        foreach (var level in filter.Split('/'))
        {
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(level, out var child))
            {
                node.Children[level] = child = new Node();
            }
            node = child;
        }
        if (node.Filter is not null)
        {
            return false;
        }
        node.Filter = filter;
        Count++;
        return true;
    }

    public bool Remove(string filter)
    {
        var path = new List<(Node Parent, string Level)>();
        var node = _root;
        foreach (var level in filter.Split('/'))
        {
            if (node.Children is null || !node.Children.TryGetValue(level, out var child))
            {
                return false;
            }
            path.Add((node, level));
            node = child;
        }
        if (node.Filter is null)
        {
            return false;
        }
        node.Filter = null;
        Count--;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var (parent, level) = path[i];
            var child = parent.Children![level];
            if (child.Filter is not null || child.Children is { Count: > 0 })
            {
                break;
            }
            parent.Children.Remove(level);
        }
        return true;
    }

    /// <summary>Adds to <paramref name="matches"/> every filter that matches <paramref name="topic"/>.</summary>
    public void Match(string topic, List<string> matches)
    {
        var levels = topic.Split('/');
        Match(_root, levels, 0, topic.Length > 0 && topic[0] == '$', matches);
    }

    public List<string> Match(string topic)
    {
        var matches = new List<string>();
        Match(topic, matches);
        return matches;
    }

    private static void Match(Node node, string[] levels, int depth, bool dollarTopic, List<string> matches)
    {
        if (node.Children is null)
        {
            if (depth == levels.Length && node.Filter is not null)
            {
                matches.Add(node.Filter);
            }
            return;
        }
        var wildcardsAllowed = !(depth == 0 && dollarTopic); // [MQTT-4.7.2-1]
        if (wildcardsAllowed && node.Children.TryGetValue("#", out var multi) && multi.Filter is not null)
        {
            matches.Add(multi.Filter); // '#' matches this level's parent too: "a/#" matches "a"
        }
        if (depth == levels.Length)
        {
            if (node.Filter is not null)
            {
                matches.Add(node.Filter);
            }
            return;
        }
        if (node.Children.TryGetValue(levels[depth], out var exact))
        {
            Match(exact, levels, depth + 1, dollarTopic, matches);
        }
        if (wildcardsAllowed && node.Children.TryGetValue("+", out var single))
        {
            Match(single, levels, depth + 1, dollarTopic, matches);
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children { get; set; }

        public string? Filter { get; set; }
    }
}
