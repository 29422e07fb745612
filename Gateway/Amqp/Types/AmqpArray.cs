using System.Collections;

namespace Gateway.Amqp.Types;

/// <summary>
/// An AMQP array (Part 1 §1.6.24): "a sequence of values of a single type", encoded with one element constructor.
/// When <see cref="Descriptor"/> is set the array is of a described type: every element means
/// <c>described(Descriptor, item)</c> and the items hold the underlying values.
/// </summary>
public sealed class AmqpArray : IReadOnlyList<AmqpValue>, IEquatable<AmqpArray>
{
    private readonly List<AmqpValue> _items;

    /// <exception cref="ArgumentException"><paramref name="elementType"/> is <see cref="AmqpType.Described"/>: set <paramref name="descriptor"/> instead.</exception>
    public AmqpArray(AmqpType elementType, AmqpDescriptor? descriptor = null)
        : this(elementType, descriptor, 0)
    {
    }

    internal AmqpArray(AmqpType elementType, AmqpDescriptor? descriptor, int capacity)
    {
        if (elementType == AmqpType.Described)
        {
            throw new ArgumentException("An array of a described type takes the descriptor and the underlying element type.", nameof(elementType));
        }
        ElementType = elementType;
        Descriptor = descriptor;
        _items = new(capacity);
    }

    public AmqpType ElementType { get; }

    public AmqpDescriptor? Descriptor { get; }

    public int Count => _items.Count;

    public AmqpValue this[int index] => _items[index];

    /// <exception cref="ArgumentException"><paramref name="item"/> is not of <see cref="ElementType"/>.</exception>
    public void Add(AmqpValue item)
    {
        if (item.Type != ElementType)
        {
            throw new ArgumentException($"An array of {ElementType} cannot hold a {item.Type} (Part 1 §1.6.24).", nameof(item));
        }
        _items.Add(item);
    }

    internal void AddDecoded(AmqpValue item) => _items.Add(item);

    public List<AmqpValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<AmqpValue> IEnumerable<AmqpValue>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(AmqpArray? other)
    {
        if (other is null || other.ElementType != ElementType || other.Count != Count || !Nullable.Equals(other.Descriptor, Descriptor))
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

    public override bool Equals(object? obj) => obj is AmqpArray other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ElementType);
        hash.Add(Descriptor);
        foreach (var item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public override string ToString() =>
        (Descriptor is { } d ? $"{d}:" : string.Empty) + ElementType + "[" + string.Join(", ", _items) + "]";
}
