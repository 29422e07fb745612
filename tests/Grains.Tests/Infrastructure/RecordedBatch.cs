using Runtime.Identity;

namespace Grains.Tests.Infrastructure;

/// <summary>What one committed journal batch changed (<see cref="RecordingJournalStorage"/>).</summary>
internal sealed record RecordedBatch(GrainId Stream, bool Applied, int Appends, IReadOnlyList<(long Sequence, int DeliveryCount)> DeliveryCounts,
    int Removes, long DeliveredThrough);
