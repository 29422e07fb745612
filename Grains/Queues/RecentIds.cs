namespace Grains.Queues;

/// <summary>A bounded set of recently seen message ids (oldest forgotten first): drops a publisher's retries.</summary>
internal sealed class RecentIds
{
    private readonly int _capacity;
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public RecentIds(int capacity) => _capacity = capacity;

    public bool Contains(string id) => _set.Contains(id);

    public void Add(string id)
    {
        if (!_set.Add(id))
        {
            return;
        }
        _order.Enqueue(id);
        if (_order.Count > _capacity)
        {
            _set.Remove(_order.Dequeue());
        }
    }
}
