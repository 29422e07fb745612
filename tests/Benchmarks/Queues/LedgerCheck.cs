namespace Benchmarks.Queues;

/// <summary>
/// The end-to-end verdict of a row. <see cref="Missing"/>: confirmed and never delivered. <see cref="Duplicates"/>:
/// deliveries beyond the first of an id (no consumer is lost in these runs, so any is a fault).
/// <see cref="UnconfirmedDelivered"/>: delivered although its publish call failed or timed out (allowed: the commit
/// may have happened before the failure). <see cref="Unknown"/>: deliveries with an id this run never sent.
/// </summary>
public sealed record LedgerCheck(long Issued, long Confirmed, long Delivered, long Missing, long Duplicates, long UnconfirmedDelivered, long Unknown)
{
    public bool ExactlyOnce => Missing == 0 && Duplicates == 0 && Unknown == 0;

    public string Verdict => ExactlyOnce
        ? "exactly once"
        : $"{Missing:N0} missing, {Duplicates:N0} duplicate, {Unknown:N0} unknown";
}
