namespace Runtime.Membership;

/// <summary>
/// The membership table's version and its etag. Every membership change (insert, status update) must present
/// the version it read and advances it by one, atomically with the row change (optimistic concurrency,
/// table-wide, as in Orleans' ADO.NET clustering).
/// </summary>
public sealed record TableVersion(int Version, string VersionEtag)
{
    public TableVersion Next() => new(Version + 1, VersionEtag);
}
