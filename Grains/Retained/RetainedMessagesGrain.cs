using Grains.Interfaces.Messages;
using Grains.Interfaces.Retained;
using Grains.Interfaces.Topics;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Retained;

/// <summary>
/// The retained messages of one first topic level: set, replace, clear (empty payload), and find by filter. Expired
/// messages are not returned (MQTT message expiry applies to retained messages too).
/// </summary>
public sealed class RetainedMessagesGrain : PersistentGrain<RetainedState>
{
    protected override RetainedState CreateInitialState() => new();

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        switch (request)
        {
            case SetRetained set:
                var hadAny = State.Messages.Count > 0;
                var changed = set.Message.Payload.IsEmpty
                    ? State.Messages.Remove(set.Message.Address)
                    : Store(set.Message);
                if (changed)
                {
                    await WriteStateAsync().ConfigureAwait(false);
                }
                var hasAny = State.Messages.Count > 0;
                if (hasAny != hadAny)
                {
                    await GrainFactory.GetGrain(RetainedGrainKind.Index, RetainedGrainKind.IndexKey)
                        .CallAsync(new UpdateRetainedLevel(GrainId.Key, hasAny)).ConfigureAwait(false);
                }
                return new BoolValue(hasAny);
            case GetRetained get:
                var now = TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
                var found = new List<BrokerMessage>();
                foreach (var (topic, message) in State.Messages)
                {
                    if (!message.IsExpired(now) && TopicFilter.Matches(get.Filter, topic))
                    {
                        found.Add(message);
                    }
                }
                return new RetainedMessages(found);
            default:
                throw Unknown(request);
        }
    }

    private bool Store(BrokerMessage message)
    {
        State.Messages[message.Address] = message;
        return true;
    }
}
