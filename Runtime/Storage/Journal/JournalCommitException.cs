namespace Runtime.Storage.Journal;

/// <summary>The journal transaction failed (database unreachable, disk full...): nothing of the batch was written,
/// so nothing may be acknowledged.</summary>
public sealed class JournalCommitException : Exception
{
    public JournalCommitException(string message, Exception inner) : base(message, inner)
    {
    }

    public JournalCommitException()
    {
    }

    public JournalCommitException(string message) : base(message)
    {
    }
}
