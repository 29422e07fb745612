namespace Grains.Interfaces.Topics;

/// <summary>
/// Whether one topic filter allows everything another one can match: the check behind per-topic authorization, where a
/// user may subscribe to <c>sensors/+/temp</c> under a permission <c>sensors/#</c> but not to <c>sensors/#</c> under
/// <c>sensors/+</c>.
/// </summary>
public static class TopicFilterCoverage
{
    /// <summary>True when every topic <paramref name="filter"/> matches is also matched by <paramref name="pattern"/>.</summary>
    public static bool Covers(string pattern, string filter)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(filter);
        var patternLevels = pattern.Split('/');
        var filterLevels = filter.Split('/');
        for (var i = 0; i < patternLevels.Length; i++)
        {
            var level = patternLevels[i];
            if (level == "#")
            {
                // '#' covers the rest, also the parent level itself ("a/#" matches "a"), except a leading wildcard
                // never covers a "$" topic [MQTT-4.7.2-1].
                return !(i == 0 && filterLevels[0].StartsWith('$'));
            }
            if (i >= filterLevels.Length)
            {
                return false;
            }
            var wanted = filterLevels[i];
            if (level == "+")
            {
                if (wanted == "#" || (i == 0 && wanted.StartsWith('$')))
                {
                    return false; // one level cannot cover any number of levels, nor a "$" topic
                }
                continue;
            }
            if (wanted != level)
            {
                return false; // a literal covers only itself; '+' or '#' asked for under a literal is wider
            }
        }
        return patternLevels.Length == filterLevels.Length;
    }
}
