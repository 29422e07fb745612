namespace Runtime.Membership;

/// <summary>
/// The life cycle of a silo incarnation, with Orleans' values. <see cref="Dead"/> is terminal: an identity never
/// becomes <see cref="Active"/> again; a restarted process is a new identity (a new generation).
/// </summary>
public enum SiloStatus
{
    None = 0,
    Created = 1,
    Joining = 2,
    Active = 3,
    ShuttingDown = 4,
    Stopping = 5,
    Dead = 6,
}
