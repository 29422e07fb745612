namespace Runtime.Messaging;

/// <summary>Receives what a connection reads. Runs on the connection's reader: must not block.</summary>
internal interface IFrameHandler
{
    void OnFrame(Connection connection, Frame frame);

    /// <summary>A frame could not be sent (too large, or the connection closed first).</summary>
    void OnSendFailed(Connection connection, Frame frame, Exception exception);

    void OnClosed(Connection connection, Exception? reason);
}
