using System.Collections;

namespace Gateway.Amqp.Types;

/// <summary>
/// An AMQP map (Part 1 §1.6.23): "a polymorphic mapping from distinct keys to values". "A map in which there exist two
/// identical key values is invalid", so <see cref="Add"/> refuses a duplicate and the decoder rejects one. "Unless
/// known to be otherwise, maps MUST be considered to be ordered": entries keep their order and equality compares it.
/// </summary>
public sealed class AmqpMap : IReadOnlyCollection<KeyValuePair<AmqpValue, AmqpValue>>, IEquatable<AmqpMap>
{
    /// <summary>Small maps (annotations, properties) are searched linearly; larger ones get a hash index.</summary>
    private const int IndexThreshold = 8;

    private readonly List<KeyValuePair<AmqpValue, AmqpValue>> _entries;
    private Dictionary<AmqpValue, int>? _index;

    public AmqpMap() => _entries = [];

    internal AmqpMap(int capacity) => _entries = new(capacity);

    public int Count => _entries.Count;

    /// <exception cref="KeyNotFoundException">No entry has <paramref name="key"/>.</exception>
    public AmqpValue this[AmqpValue key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The map has no key {key}.");

    /// <exception cref="ArgumentException">The map already holds <paramref name="key"/>.</exception>
    public void Add(AmqpValue key, AmqpValue value)
    {
        if (!TryAdd(key, value))
        {
            throw new ArgumentException($"The map already holds the key {key} (Part 1 §1.6.23).", nameof(key));
        }
    }

    /// <summary>Appends the entry; false (and no change) when the key is already present.</summary>
    public bool TryAdd(AmqpValue key, AmqpValue value)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }
        _entries.Add(new(key, value));
        if (_index is not null)
        {
            _index[key] = _entries.Count - 1;
        }
        else if (_entries.Count > IndexThreshold)
        {
            _index = new(_entries.Count * 2);
            for (var i = 0; i < _entries.Count; i++)
            {
                _index[_entries[i].Key] = i;
            }
        }
        return true;
    }

    public bool ContainsKey(AmqpValue key) => IndexOf(key) >= 0;

    public bool TryGetValue(AmqpValue key, out AmqpValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    public List<KeyValuePair<AmqpValue, AmqpValue>>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<KeyValuePair<AmqpValue, AmqpValue>> IEnumerable<KeyValuePair<AmqpValue, AmqpValue>>.GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    public bool Equals(AmqpMap? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }
        for (var i = 0; i < _entries.Count; i++)
        {
            if (!_entries[i].Key.Equals(other._entries[i].Key) || !_entries[i].Value.Equals(other._entries[i].Value))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is AmqpMap other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in _entries)
        {
            hash.Add(entry.Key);
            hash.Add(entry.Value);
        }
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var parts = new string[_entries.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{_entries[i].Key}: {_entries[i].Value}";
        }
        return "{" + string.Join(", ", parts) + "}";
    }

    private int IndexOf(AmqpValue key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var found) ? found : -1;
        }
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key.Equals(key))
            {
                return i;
            }
        }
        return -1;
    }
}
