namespace Gateway.Mqtt.Session;

/// <summary>
/// The topic aliases the broker uses on the PUBLISHes it sends over one network connection (MQTT 5.0 §3.3.2.3.4).
/// Aliases are 1..<see cref="Maximum"/>, at most the client's Topic Alias Maximum [MQTT-3.1.2-26] [MQTT-3.3.2-11];
/// they exist only for the life of the connection, so a new connection starts with an empty map and never inherits one
/// with the session.
/// </summary>
/// <remarks>
/// Policy: the first <see cref="Maximum"/> topics take free aliases; once all are taken, a new topic takes over the
/// least recently used alias by being sent in full with that alias number (a sender may remap an alias by sending a
/// new Topic Name with it, §3.3.2.3.4). Replacing costs the 3 bytes of the Topic Alias property on that packet; a
/// subscriber cycling through more topics than aliases pays them on every PUBLISH, one that keeps to a working set saves
/// the topic on every repeat. Two steps, so that a packet too large to send changes nothing: <see cref="Choose"/>
/// proposes, <see cref="Commit"/> records what was actually written. Not thread-safe: the connection's writer owns it.
/// </remarks>
internal sealed class OutboundTopicAliases
{
    private readonly Dictionary<string, ushort> _aliases = new(StringComparer.Ordinal);
    private readonly string?[] _topics;
    private readonly long[] _lastUse;
    private long _clock;
    private ushort _assigned;

    /// <param name="maximum">Highest alias to use, 1..65,535.</param>
    public OutboundTopicAliases(ushort maximum)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maximum);
        Maximum = maximum;
        _topics = new string?[maximum + 1];
        _lastUse = new long[maximum + 1];
    }

    /// <summary>Highest alias number used on this connection.</summary>
    public ushort Maximum { get; }

    /// <summary>The alias for <paramref name="topic"/>: <paramref name="known"/> when the client already maps it (send
    /// an empty Topic Name), otherwise a free or the least recently used alias to map it to (send the topic as well).</summary>
    public ushort Choose(string topic, out bool known)
    {
        if (_aliases.TryGetValue(topic, out var alias))
        {
            known = true;
            return alias;
        }
        known = false;
        if (_assigned < Maximum)
        {
            return (ushort)(_assigned + 1);
        }
        var oldest = (ushort)1;
        for (var i = 2; i <= Maximum; i++)
        {
            if (_lastUse[i] < _lastUse[oldest])
            {
                oldest = (ushort)i;
            }
        }
        return oldest;
    }

    /// <summary>Records that <paramref name="alias"/> was sent for <paramref name="topic"/> (with the topic when it was
    /// not <c>known</c>): the client now maps it so.</summary>
    public void Commit(string topic, ushort alias)
    {
        if (_topics[alias] is { } previous && !string.Equals(previous, topic, StringComparison.Ordinal))
        {
            _aliases.Remove(previous);
        }
        if (_topics[alias] is null)
        {
            _assigned++;
        }
        _topics[alias] = topic;
        _aliases[topic] = alias;
        _lastUse[alias] = ++_clock;
    }
}
