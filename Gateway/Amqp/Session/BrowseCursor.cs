namespace Gateway.Amqp.Session;

/// <summary>
/// How far a queue browser (a receiver with distribution-mode <c>copy</c>) has read: it pages through the queue by
/// tag, one page at a time, and stops once a page comes back short (the queue's content at that moment is sent).
/// </summary>
internal sealed class BrowseCursor
{
    /// <summary>The largest page asked for at once.</summary>
    public const int MaxPage = 100;

    /// <summary>The tag of the last message read; the next page starts after it.</summary>
    public long AfterTag { get; set; }

    /// <summary>A page has been asked for and has not come yet.</summary>
    public bool Fetching { get; set; }

    /// <summary>A short page came: nothing more to read.</summary>
    public bool Exhausted { get; set; }
}
