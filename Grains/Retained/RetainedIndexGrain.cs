using Grains.Interfaces.Queues;
using Grains.Interfaces.Retained;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Retained;

/// <summary>Which first levels hold retained messages: lets a subscription to <c>#</c> or <c>+/x</c> find them.</summary>
public sealed class RetainedIndexGrain : PersistentGrain<RetainedIndexState>
{
    protected override RetainedIndexState CreateInitialState() => new();

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        switch (request)
        {
            case UpdateRetainedLevel update:
                var changed = update.HasMessages ? State.Levels.Add(update.Level) : State.Levels.Remove(update.Level);
                if (changed)
                {
                    await WriteStateAsync().ConfigureAwait(false);
                }
                return Ack.Instance;
            case GetRetainedLevels:
                return new StringList([.. State.Levels]);
            default:
                throw Unknown(request);
        }
    }
}
