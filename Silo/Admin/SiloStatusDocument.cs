namespace Silo.Admin;

/// <summary>The body of <c>GET /status</c>.</summary>
public sealed record SiloStatusDocument(
    string Status,
    string? SiloName,
    string? Address,
    long MembershipVersion,
    IReadOnlyList<string> ActiveSilos,
    int Activations);
