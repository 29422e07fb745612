namespace Benchmarks.Mqtt;

/// <summary>Counts failed connection attempts of many concurrent connects and keeps the first reason.</summary>
public sealed class ConnectFailures
{
    private readonly Lock _lock = new();

    public int Count { get; private set; }

    public string? First { get; private set; }

    public void Add(string reason)
    {
        lock (_lock)
        {
            Count++;
            First ??= reason;
        }
    }
}
