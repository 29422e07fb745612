using System.Buffers;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Session;

/// <summary>
/// The anonymous relay: a sender link whose target has no address (offered as <c>ANONYMOUS-RELAY</c> in open). Each
/// message is routed by its own <c>to</c> (<see cref="RelayDestination"/>), checked against the user's permissions
/// like a link's address; a message that names no node, or one the user may not send to, is rejected alone and the
/// link goes on.
/// </summary>
internal sealed partial class AmqpConnection
{
    /// <summary>
    /// Resolves where a relayed message goes; false when it was refused here (rejected unless sent settled, credit
    /// topped up). Throws <see cref="AmqpDecodeException"/> for a malformed message, as decoding it would.
    /// </summary>
    private bool TryRelay(IncomingLink link, uint deliveryId, bool settled, in ReadOnlySequence<byte> bytes, out AmqpAddress target)
    {
        if (!RelayDestination.TryResolve(bytes, out target, out var condition, out var problem))
        {
            RefuseRelayed(link, deliveryId, settled, condition, problem);
            return false;
        }
        if (!_authenticator.MayPublish(_userName, target.Name))
        {
            RefuseRelayed(link, deliveryId, settled, AmqpErrorCondition.UnauthorizedAccess,
                $"user '{_userName ?? "(anonymous)"}' may not send to '{target}'");
            return false;
        }
        return true;
    }

    private void RefuseRelayed(IncomingLink link, uint deliveryId, bool settled, AmqpSymbol condition, string problem)
    {
        LogRelayRefused(_logger, _remote, _containerId, link.Name, condition.Value, problem);
        if (!settled)
        {
            SendDisposition(link.Session, Role.Receiver, deliveryId, deliveryId, new Rejected { Error = new Error(condition, problem) });
        }
        ReplenishCredit(link);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "AMQP {Remote} ({ContainerId}): message on anonymous relay link '{Link}' rejected: {Condition} {Message}")]
    private static partial void LogRelayRefused(ILogger logger, string remote, string containerId, string link, string condition, string message);
}
