namespace Runtime.Identity;

/// <summary>
/// The identity of a grain: its kind (which grain class implements it, e.g. "queue") and a string key
/// (e.g. the queue's name). A call addresses a grain id, never a silo.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly ulong _hash;

    public GrainId(string kind, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(key);
        if (kind.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A grain kind must not contain '/'.", nameof(kind));
        }
        Kind = kind;
        Key = key;
        _hash = StableHash.Of(kind, key);
    }

    public string Kind { get; }

    public string Key { get; }

    /// <summary>The same value in every process: used by placement.</summary>
    public ulong UniformHash => _hash;

    public static GrainId Create(string kind, string key) => new(kind, key);

    /// <summary>Parses the "kind/key" form written by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{text}' is not a grain id of the form kind/key.");
        }
        return new GrainId(text[..slash], text[(slash + 1)..]);
    }

    public bool Equals(GrainId other) =>
        _hash == other._hash && string.Equals(Kind, other.Kind, StringComparison.Ordinal) &&
        string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => (int)_hash ^ (int)(_hash >> 32);

    public override string ToString() => $"{Kind}/{Key}";

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
