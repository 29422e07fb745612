using Runtime.Activation;
using Runtime.Identity;

namespace Runtime.Messaging;

/// <summary>The silo side of the call router: runs calls for grains this silo owns.</summary>
internal interface ILocalGrainDispatcher
{
    SiloAddress Self { get; }

    void Dispatch(GrainId target, in MailboxItem item);

    /// <summary>As <see cref="Dispatch"/>, except that a full mailbox returns false and leaves the item to the caller.</summary>
    bool TryDispatch(GrainId target, in MailboxItem item);
}
