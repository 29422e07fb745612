namespace Runtime.Activation;

/// <summary>
/// The life cycle of one activation:
/// <code>
///   Activating --OnActivateAsync ok--> Valid --deactivate requested--> Deactivating --> Invalid
///        \--OnActivateAsync threw---------------------------------------------------/
/// </code>
/// Only Activating and Valid accept new mailbox items; items still queued when it becomes Invalid are forwarded to a
/// new activation.
/// </summary>
internal enum ActivationState
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
