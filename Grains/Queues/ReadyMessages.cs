namespace Grains.Queues;

/// <summary>
/// The ready messages of the window by priority (9 first) and, within a priority, by sequence: enqueue order, and a
/// message that comes back (released, consumer lost) takes its old place, ahead of everything enqueued after it.
/// </summary>
internal sealed class ReadyMessages
{
    private readonly SortedSet<long>[] _byPriority = new SortedSet<long>[10];

    public ReadyMessages()
    {
        for (var i = 0; i < _byPriority.Length; i++)
        {
            _byPriority[i] = [];
        }
    }

    public int Count { get; private set; }

    public void Add(long sequence, byte priority)
    {
        if (_byPriority[Math.Min((int)priority, 9)].Add(sequence))
        {
            Count++;
        }
    }

    public bool Remove(long sequence, byte priority)
    {
        if (_byPriority[Math.Min((int)priority, 9)].Remove(sequence))
        {
            Count--;
            return true;
        }
        return false;
    }

    /// <summary>Ready sequences in delivery order: highest priority first, then by sequence.</summary>
    public IEnumerable<long> InDeliveryOrder()
    {
        for (var priority = 9; priority >= 0; priority--)
        {
            foreach (var sequence in _byPriority[priority])
            {
                yield return sequence;
            }
        }
    }

    public void Clear()
    {
        foreach (var set in _byPriority)
        {
            set.Clear();
        }
        Count = 0;
    }
}
