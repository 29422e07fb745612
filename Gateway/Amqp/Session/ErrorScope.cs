namespace Gateway.Amqp.Session;

/// <summary>What an AMQP error ends (Part 2 §2.8.15 ff.): a link (detach), a session (end) or the connection (close).</summary>
public enum ErrorScope
{
    Link,
    Session,
    Connection,
}
