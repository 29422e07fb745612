namespace Runtime.Identity;

/// <summary>
/// Identifies an observer object hosted by a cluster client (a gateway): the client's id plus a key unique
/// within that client. Grains push to it one-way; the silo that holds the client's connection delivers it.
/// </summary>
public readonly record struct ObserverId(string ClientId, long Key)
{
    public override string ToString() => $"{ClientId}#{Key}";
}
