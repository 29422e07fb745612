using System.Text;
using Grains.Interfaces.Users;

namespace Silo.Admin;

/// <summary>
/// The admin API's text form of topic permissions: one <c>publish FILTER</c> or <c>subscribe FILTER</c> per line;
/// <c>publish -</c> / <c>subscribe -</c> forbids the action; an action without lines is unrestricted.
/// </summary>
public static class PermissionsText
{
    /// <summary>Null when <paramref name="text"/> is valid; otherwise the problem, naming the line.</summary>
    public static string? TryParse(string userName, string text, out TopicPermissions permissions)
    {
        List<string>? publish = null;
        List<string>? subscribe = null;
        permissions = TopicPermissions.Unrestricted(userName);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var action = space < 0 ? line : line[..space];
            var filter = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            List<string> target;
            switch (action)
            {
                case "publish":
                    target = publish ??= [];
                    break;
                case "subscribe":
                    target = subscribe ??= [];
                    break;
                default:
                    return $"line {lineNumber}: '{action}' is neither 'publish' nor 'subscribe'";
            }
            if (filter == "-")
            {
                continue; // the list exists and stays empty unless other lines add to it: forbidden
            }
            if (Grains.Interfaces.Topics.TopicFilter.Validate(filter) is { } invalid)
            {
                return $"line {lineNumber}: '{filter}' is not a topic filter: {invalid}";
            }
            target.Add(filter);
        }
        permissions = new TopicPermissions(userName, publish, subscribe);
        return null;
    }

    public static string Format(TopicPermissions permissions)
    {
        var text = new StringBuilder();
        Append(text, "publish", permissions.Publish);
        Append(text, "subscribe", permissions.Subscribe);
        return text.Length == 0 ? "# unrestricted\n" : text.ToString();
    }

    private static void Append(StringBuilder text, string action, IReadOnlyList<string>? filters)
    {
        if (filters is null)
        {
            return;
        }
        if (filters.Count == 0)
        {
            text.Append(action).Append(" -\n");
        }
        foreach (var filter in filters)
        {
            text.Append(action).Append(' ').Append(filter).Append('\n');
        }
    }
}
