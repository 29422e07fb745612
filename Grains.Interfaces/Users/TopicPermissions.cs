using Runtime.Serialization;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Topics;

namespace Grains.Interfaces.Users;

/// <summary>
/// What a user may publish to and subscribe to, as topic filters (MQTT syntax; AMQP addresses use the same names: a
/// queue <c>orders</c> is checked as the topic <c>orders</c>). A null list leaves that action unrestricted; an empty
/// list forbids it. A subscription is allowed when one permitted filter covers it (<see cref="TopicFilterCoverage"/>).
/// </summary>
public sealed record TopicPermissions(string UserName, IReadOnlyList<string>? Publish, IReadOnlyList<string>? Subscribe)
    : IWireMessage<TopicPermissions>
{
    public static string WireName => "users.permissions";

    public static TopicPermissions Unrestricted(string userName) => new(userName, null, null);

    public bool MayPublish(string topic)
    {
        if (Publish is null)
        {
            return true;
        }
        foreach (var filter in Publish)
        {
            if (TopicFilter.Matches(filter, topic))
            {
                return true;
            }
        }
        return false;
    }

    public bool MaySubscribe(string filter)
    {
        if (Subscribe is null)
        {
            return true;
        }
        var inner = SharedSubscription.TryParse(filter, out var shared) ? shared.TopicFilter : filter;
        foreach (var pattern in Subscribe)
        {
            if (TopicFilterCoverage.Covers(pattern, inner))
            {
                return true;
            }
        }
        return false;
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(UserName);
        WriteOptional(ref writer, Publish);
        WriteOptional(ref writer, Subscribe);
    }

    public static TopicPermissions Read(ref WireReader reader) =>
        new(reader.ReadString(), ReadOptional(ref reader), ReadOptional(ref reader));

    private static void WriteOptional(ref WireWriter writer, IReadOnlyList<string>? filters)
    {
        writer.WriteBool(filters is not null);
        if (filters is not null)
        {
            StringList.WriteItems(ref writer, filters);
        }
    }

    private static string[]? ReadOptional(ref WireReader reader) => reader.ReadBool() ? StringList.ReadItems(ref reader) : null;
}
