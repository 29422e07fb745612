namespace Grains.Interfaces.Topics;

/// <summary>
/// A Shared Subscription's Topic Filter, <c>$share/{ShareName}/{filter}</c> (MQTT 5.0 §4.8.2). Messages matching
/// <see cref="TopicFilter"/> are distributed among the sessions subscribed with the same <see cref="ShareName"/>.
/// </summary>
/// <param name="ShareName">At least one character, without "/", "+" or "#" [MQTT-4.8.2-1] [MQTT-4.8.2-2].</param>
/// <param name="TopicFilter">The filter after the share name's "/" [MQTT-4.8.2-2]; may itself contain wildcards.</param>
public readonly record struct SharedSubscription(string ShareName, string TopicFilter)
{
    /// <summary>The literal prefix "$share/".</summary>
    public const string Prefix = "$share/";

    /// <summary>True when <paramref name="filter"/> claims to be a Shared Subscription (starts with "$share/").</summary>
    public static bool IsShared(ReadOnlySpan<char> filter) => filter.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Splits a "$share/..." filter. False when the filter does not start with "$share/" or breaks the share name rules;
    /// the inner filter's own syntax is checked by <see cref="TopicFilter.Validate(string)"/>.
    /// </summary>
    public static bool TryParse(string filter, out SharedSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(filter);
        subscription = default;
        if (!IsShared(filter))
        {
            return false;
        }
        var rest = filter.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        // [MQTT-4.8.2-2]: the ShareName is followed by "/" and that "/" by a Topic Filter (at least one character
        // [MQTT-4.7.3-1]); [MQTT-4.8.2-1]: the ShareName is at least one character long.
        if (slash <= 0 || slash == rest.Length - 1)
        {
            return false;
        }
        var shareName = rest[..slash];
        if (shareName.IndexOfAny('+', '#') >= 0)
        {
            // [MQTT-4.8.2-2]: the ShareName MUST NOT contain "/", "+" or "#" ("/" is excluded by construction).
            return false;
        }
        subscription = new SharedSubscription(shareName.ToString(), rest[(slash + 1)..].ToString());
        return true;
    }

    /// <summary>The filter as the client sends it.</summary>
    public override string ToString() => $"{Prefix}{ShareName}/{TopicFilter}";
}
