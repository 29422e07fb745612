using System.Globalization;
using System.Net;

namespace Silo.Configuration;

/// <summary>Reads typed settings from configuration, failing with the setting's full name and the accepted form.</summary>
internal sealed class SettingsReader
{
    private readonly IConfiguration _configuration;

    public SettingsReader(IConfiguration configuration) => _configuration = configuration;

    public string? OptionalString(string key)
    {
        var value = _configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string String(string key, string defaultValue) => OptionalString(key) ?? defaultValue;

    public int Port(string key, int defaultValue)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return defaultValue;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new BrokerConfigurationException(key, $"'{text}' is not a TCP port (0-65535; 0 picks a free port).");
        }
        return port;
    }

    public string IpAddress(string key, string defaultValue)
    {
        var text = String(key, defaultValue);
        return IPAddress.TryParse(text, out _)
            ? text
            : throw new BrokerConfigurationException(key, $"'{text}' is not an IP address (e.g. 127.0.0.1 or 0.0.0.0).");
    }

    public TimeSpan Duration(string key, TimeSpan defaultValue)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return defaultValue;
        }
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value <= TimeSpan.Zero)
        {
            throw new BrokerConfigurationException(key, $"'{text}' is not a positive duration (hh:mm:ss, e.g. 00:00:10).");
        }
        return value;
    }

    public bool Bool(string key, bool defaultValue)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return defaultValue;
        }
        return bool.TryParse(text, out var value) ? value : throw new BrokerConfigurationException(key, $"'{text}' is not true or false.");
    }

    public int PositiveInt(string key, int defaultValue)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return defaultValue;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new BrokerConfigurationException(key, $"'{text}' is not a positive whole number.");
        }
        return value;
    }

    /// <summary>Fails on keys under <paramref name="section"/> that no setting reads (a typo would otherwise be ignored).</summary>
    public void RejectUnknown(string section, IReadOnlySet<string> known)
    {
        foreach (var child in _configuration.GetSection(section).GetChildren())
        {
            if (!known.Contains(child.Key))
            {
                throw new BrokerConfigurationException($"{section}:{child.Key}",
                    $"unknown setting; known settings under {section} are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
    }
}
