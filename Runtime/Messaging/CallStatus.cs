namespace Runtime.Messaging;

/// <summary>The status of a response frame. Everything but <see cref="Ok"/> and <see cref="AppError"/> means the
/// runtime did not run the request (so a retry is safe).</summary>
public enum CallStatus : byte
{
    Ok = 0,

    /// <summary>The grain threw; the frame carries the exception's type name and message.</summary>
    AppError = 1,

    /// <summary>The receiving silo does not own the grain in its view: refresh the view and retry.</summary>
    NotOwner = 2,

    /// <summary>The grain's mailbox is full: retry later.</summary>
    Overloaded = 3,

    /// <summary>The silo is stopping: retry on the new owner.</summary>
    ShuttingDown = 4,

    /// <summary>No grain class is registered for the kind.</summary>
    UnknownGrainKind = 5,

    /// <summary>The request waited past its time to live; it was not run.</summary>
    Expired = 6,
}
