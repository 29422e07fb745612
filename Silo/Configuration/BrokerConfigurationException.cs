namespace Silo.Configuration;

/// <summary>A setting that cannot work; the message names the setting and says what is accepted.</summary>
public sealed class BrokerConfigurationException : Exception
{
    public BrokerConfigurationException(string setting, string problem)
        : base($"Invalid setting {setting}: {problem}") => Setting = setting;

    public BrokerConfigurationException()
    {
    }

    public BrokerConfigurationException(string message) : base(message)
    {
    }

    public BrokerConfigurationException(string message, Exception inner) : base(message, inner)
    {
    }

    public string Setting { get; } = string.Empty;
}
