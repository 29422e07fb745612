using Runtime.Activation;
using Runtime.Identity;

namespace Runtime.Messaging;

/// <summary>The silo side of the call router: runs calls for grains this silo owns.</summary>
internal interface ILocalGrainDispatcher
{
    SiloAddress Self { get; }

    void Dispatch(GrainId target, in MailboxItem item);
}
