using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Retained;
using Grains.Interfaces.Sessions;
using Grains.Interfaces.Users;
using Grains.Interfaces.Topics;
using Runtime.Serialization;

namespace Grains.Interfaces;

/// <summary>Registers every wire type of the broker's grain contracts; call in every silo and gateway process.</summary>
public static class BrokerWireTypes
{
    public static void Register()
    {
        WireRegistry.Register<BrokerMessage>();
        WireRegistry.Register<QueueSettings>();
        WireRegistry.Register<QueuedMessage>();
        WireRegistry.Register<DeclareQueue>();
        WireRegistry.Register<EnqueueMessages>();
        WireRegistry.Register<EnqueueResult>();
        WireRegistry.Register<AttachConsumer>();
        WireRegistry.Register<ConsumerAttached>();
        WireRegistry.Register<AddCredit>();
        WireRegistry.Register<SettleDeliveries>();
        WireRegistry.Register<DetachConsumer>();
        WireRegistry.Register<RenewConsumers>();
        WireRegistry.Register<StringList>();
        WireRegistry.Register<BrowseQueue>();
        WireRegistry.Register<BrowseResult>();
        WireRegistry.Register<PurgeQueue>();
        WireRegistry.Register<GetQueueStats>();
        WireRegistry.Register<QueueStats>();
        WireRegistry.Register<QueueDelivery>();
        WireRegistry.Register<ConsumerDrained>();
        WireRegistry.Register<BindQueue>();
        WireRegistry.Register<UnbindQueue>();
        WireRegistry.Register<SubscribeTopic>();
        WireRegistry.Register<UnsubscribeTopic>();
        WireRegistry.Register<RenewTopicSubscribers>();
        WireRegistry.Register<PublishToTopic>();
        WireRegistry.Register<PublishResult>();
        WireRegistry.Register<TopicDelivery>();
        WireRegistry.Register<GetTopicBindings>();
        WireRegistry.Register<TopicBindings>();
        WireRegistry.Register<AddRoute>();
        WireRegistry.Register<RemoveRoute>();
        WireRegistry.Register<GetRoutes>();
        WireRegistry.Register<RouteSnapshot>();
        WireRegistry.Register<RoutesChanged>();
        WireRegistry.Register<SetRetained>();
        WireRegistry.Register<GetRetained>();
        WireRegistry.Register<RetainedMessages>();
        WireRegistry.Register<UpdateRetainedLevel>();
        WireRegistry.Register<GetRetainedLevels>();
        WireRegistry.Register<SessionSubscription>();
        WireRegistry.Register<ConnectSession>();
        WireRegistry.Register<SessionConnected>();
        WireRegistry.Register<DisconnectSession>();
        WireRegistry.Register<SubscribeSession>();
        WireRegistry.Register<UnsubscribeSession>();
        WireRegistry.Register<RenewSession>();
        WireRegistry.Register<InboundQos2>();
        WireRegistry.Register<OutboundQos2>();
        WireRegistry.Register<SessionTakenOver>();
        WireRegistry.Register<UserCredential>();
        WireRegistry.Register<SetUser>();
        WireRegistry.Register<GetUser>();
        WireRegistry.Register<ListUsers>();
        WireRegistry.Register<TopicPermissions>();
        WireRegistry.Register<SetPermissions>();
        WireRegistry.Register<GetPermissions>();
    }
}
