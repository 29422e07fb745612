namespace Gateway.Amqp.Framing;

/// <summary>role (Part 2 §2.8.1): a boolean on the wire, false for sender and true for receiver.</summary>
public enum Role
{
    Sender = 0,
    Receiver = 1,
}
