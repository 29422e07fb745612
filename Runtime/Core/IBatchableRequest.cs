namespace Runtime.Core;

/// <summary>
/// A request that may share a turn with the requests queued right behind it (RUNTIME.md §7.4): the activation takes
/// up to <see cref="Grain.MaxBatchSize"/> consecutive batchable requests from its mailbox and hands them to
/// <see cref="Grain.HandleBatchAsync"/> together, so that a queue commits many publishes and acks in one write.
/// </summary>
public interface IBatchableRequest
{
}
