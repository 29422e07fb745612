using System.Collections;

namespace Gateway.Amqp.Types;

/// <summary>An AMQP list (Part 1 §1.6.22): "a sequence of polymorphic values". Equal when equal element by element.</summary>
public sealed class AmqpList : IReadOnlyList<AmqpValue>, IEquatable<AmqpList>
{
    private readonly List<AmqpValue> _items;

    public AmqpList() => _items = [];

    public AmqpList(IEnumerable<AmqpValue> items) => _items = [.. items];

    internal AmqpList(List<AmqpValue> items) => _items = items;

    public int Count => _items.Count;

    public AmqpValue this[int index] => _items[index];

    public void Add(AmqpValue item) => _items.Add(item);

    public List<AmqpValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<AmqpValue> IEnumerable<AmqpValue>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(AmqpList? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }
        for (var i = 0; i < _items.Count; i++)
        {
            if (!_items[i].Equals(other._items[i]))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is AmqpList other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
