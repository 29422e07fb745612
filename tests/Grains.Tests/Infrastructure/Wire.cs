using System.Buffers;
using Grains.Interfaces.Messages;
using Runtime.Serialization;

namespace Grains.Tests.Infrastructure;

internal static class Wire
{
    /// <summary>The message's wire form: two messages with equal bytes are equal in every field.</summary>
    public static byte[] Bytes(BrokerMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WireWriter(buffer);
        message.Write(ref writer);
        return buffer.WrittenSpan.ToArray();
    }
}
