using Gateway.Amqp.Types;

namespace Gateway.Amqp.Bridge;

/// <summary>
/// The JMS selector filter of a source (AMQP filter registry: <c>apache.org:selector-filter:string</c>, code
/// 0x0000468C:0x00000004), as Qpid JMS, qpid-proton and ActiveMQ clients send it in the source's filter map.
/// </summary>
public static class SelectorFilter
{
    public const ulong Code = 0x0000_468C_0000_0004;

    public const string Name = "apache.org:selector-filter:string";

    /// <summary>The selector text and the filter entry carrying it (to echo back), or null when the map has none.</summary>
    public static (string Text, AmqpValue Key, AmqpValue Value)? Find(AmqpMap? filters)
    {
        if (filters is null)
        {
            return null;
        }
        foreach (var (key, value) in filters)
        {
            if (value.Type == AmqpType.Described && value.AsDescribed() is { } described && described.Descriptor.Matches(Code, Name)
                && described.Value.Type == AmqpType.String)
            {
                return (described.Value.AsString(), key, value);
            }
        }
        return null;
    }
}
