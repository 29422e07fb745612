using Grains.Interfaces;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Retained;
using Grains.Interfaces.Sessions;
using Grains.Interfaces.Users;
using Grains.Interfaces.Topics;
using Grains.Queues;
using Grains.Retained;
using Grains.Sessions;
using Grains.Users;
using Grains.Topics;
using Microsoft.Extensions.Logging;
using Runtime.Activation;

namespace Grains;

/// <summary>Registers the broker's grain classes and wire types with a silo.</summary>
public static class BrokerGrains
{
    public static void Register(GrainTypeRegistry registry, ILoggerFactory loggerFactory, QueueGrainOptions? queueOptions = null,
        TopicGrainOptions? topicOptions = null, SessionGrainOptions? sessionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        BrokerWireTypes.Register();
        Runtime.Serialization.WireRegistry.Register<QueueState>();
        var queues = queueOptions ?? new QueueGrainOptions();
        var queueLogger = loggerFactory.CreateLogger<QueueGrain>();
        registry.Add(QueueGrainKind.Name, () => new QueueGrain(queues, queueLogger));
        Runtime.Serialization.WireRegistry.Register<TopicState>();
        Runtime.Serialization.WireRegistry.Register<RouteTableState>();
        var topics = topicOptions ?? new TopicGrainOptions();
        registry.Add(TopicGrainKind.Topic, () => new TopicGrain(topics));
        registry.Add(TopicGrainKind.RouteTable, () => new RouteTableGrain(topics));
        Runtime.Serialization.WireRegistry.Register<RetainedState>();
        Runtime.Serialization.WireRegistry.Register<RetainedIndexState>();
        registry.Add<RetainedMessagesGrain>(RetainedGrainKind.Partition);
        registry.Add<RetainedIndexGrain>(RetainedGrainKind.Index);
        Runtime.Serialization.WireRegistry.Register<SessionState>();
        var sessions = sessionOptions ?? new SessionGrainOptions();
        var sessionLogger = loggerFactory.CreateLogger<SessionGrain>();
        registry.Add(SessionGrainKind.Name, () => new SessionGrain(sessions, sessionLogger));
        Runtime.Serialization.WireRegistry.Register<UserStoreState>();
        registry.Add<UserStoreGrain>(UserGrainKind.Name);
    }
}
