using Runtime.Core;

namespace Runtime.Activation;

/// <summary>Which grain class implements each grain kind. Filled explicitly by the host (no assembly scanning).</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, Func<Grain>> _factories = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="factory"/> as the implementation of <paramref name="kind"/>.</summary>
    public GrainTypeRegistry Add(string kind, Func<Grain> factory)
    {
        if (!_factories.TryAdd(kind, factory))
        {
            throw new InvalidOperationException($"Grain kind '{kind}' is registered twice.");
        }
        return this;
    }

    public GrainTypeRegistry Add<TGrain>(string kind)
        where TGrain : Grain, new() => Add(kind, static () => new TGrain());

    public bool Contains(string kind) => _factories.ContainsKey(kind);

    public IEnumerable<string> Kinds => _factories.Keys;

    internal Grain Create(string kind) =>
        _factories.TryGetValue(kind, out var factory)
            ? factory()
            : throw new InvalidOperationException($"No grain class is registered for kind '{kind}'.");
}
