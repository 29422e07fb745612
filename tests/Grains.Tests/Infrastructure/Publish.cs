using System.Text;
using Grains.Interfaces.Messages;

namespace Grains.Tests.Infrastructure;

/// <summary>Builds messages as a gateway would hand them to a queue: each with a new unique <see cref="BrokerMessage.MessageId"/>.</summary>
internal static class Publish
{
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static BrokerMessage Message(string address, string body, byte priority = BrokerMessage.DefaultPriority, string? groupId = null,
        long? expiresAt = null, long? deliverAt = null, IReadOnlyList<MessageProperty>? properties = null) => new()
        {
            MessageId = NewId(),
            Address = address,
            Payload = Encoding.UTF8.GetBytes(body),
            Priority = priority,
            GroupId = groupId,
            ExpiresAt = expiresAt,
            DeliverAt = deliverAt,
            Properties = properties ?? [],
        };

    /// <summary><paramref name="count"/> messages with bodies <c>{prefix}0</c>, <c>{prefix}1</c>...</summary>
    public static BrokerMessage[] Messages(string address, int count, string prefix = "m") =>
        [.. Enumerable.Range(0, count).Select(i => Message(address, prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    public static string Body(this BrokerMessage message) => Encoding.UTF8.GetString(message.Payload.Span);
}
