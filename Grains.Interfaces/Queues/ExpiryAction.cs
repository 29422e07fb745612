namespace Grains.Interfaces.Queues;

/// <summary>What happens to a message whose time to live ran out.</summary>
public enum ExpiryAction : byte
{
    DeadLetter = 0,
    Discard = 1,
}
