using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Session;

/// <summary>A link's node is ready (or refused): send the attach.</summary>
internal sealed record AttachCompleted(AmqpLink Link, Attach Attach, (AmqpSymbol Condition, string Description)? Error);

/// <summary>A message the client sent is stored (or refused).</summary>
internal sealed record SendCompleted(IncomingLink Link, AmqpAddress Target, uint DeliveryId, bool Settled, SendOutcome Outcome);

/// <summary>The queue no longer knows a link's consumer (lease expired, queue moved): attach it again.</summary>
internal sealed record ConsumerLost(OutgoingLink Link);

/// <summary>A lost consumer is attached again (or could not be).</summary>
internal sealed record ConsumerRestored(OutgoingLink Link, bool Restored);
