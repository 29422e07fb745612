using System.Text;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Selectors;

namespace Grains.Tests.Selectors;

/// <summary>Messages for selector tests, and the selector's three-valued result as TRUE / FALSE / UNKNOWN.</summary>
internal static class SelectorMessages
{
    /// <summary>A message with application properties given as name, value, name, value...</summary>
    public static BrokerMessage With(params string[] properties)
    {
        var list = new List<MessageProperty>();
        for (var i = 0; i + 1 < properties.Length; i += 2)
        {
            list.Add(new MessageProperty(properties[i], properties[i + 1]));
        }
        return new BrokerMessage { MessageId = "id-1", Address = "a", Payload = Encoding.UTF8.GetBytes("x"), Properties = list };
    }

    /// <summary>"TRUE", "FALSE" or "UNKNOWN": the value of <paramref name="selector"/> for <paramref name="message"/>.</summary>
    public static string Eval(string selector, BrokerMessage? message = null) =>
        MessageSelector.Parse(selector).Evaluate(message ?? With()) switch
        {
            true => "TRUE",
            false => "FALSE",
            null => "UNKNOWN",
        };
}
