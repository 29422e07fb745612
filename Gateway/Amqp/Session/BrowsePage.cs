using Grains.Interfaces.Queues;

namespace Gateway.Amqp.Session;

/// <summary>A page of a queue browser's reading came (<paramref name="Messages"/> after the cursor, at most <paramref name="Asked"/>), or null when the read failed.</summary>
internal sealed record BrowsePage(OutgoingLink Link, IReadOnlyList<QueuedMessage>? Messages, int Asked);
