namespace Runtime.Storage;

/// <summary>
/// What an activation gets when it takes ownership of its grain: its fencing epoch (strictly greater than any
/// earlier activation's) and the state last committed, if any.
/// </summary>
/// <param name="Epoch">The fencing token: every write of this activation presents it.</param>
/// <param name="Version">How many writes the stored state has seen (0 when none).</param>
/// <param name="State">The committed state bytes, or null when the grain has never written state (or it was cleared).</param>
public sealed record GrainOwnership(long Epoch, long Version, byte[]? State);
