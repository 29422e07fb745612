using System.Globalization;

namespace Gateway.Hosting;

/// <summary>Reads typed settings of one configuration section, naming the setting in every error ("Invalid setting Amqp:Port: ...").</summary>
public readonly struct SettingReader
{
    private readonly IConfigurationSection _section;
    private readonly string _name;

    public SettingReader(IConfiguration configuration, string sectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _section = configuration.GetSection(sectionName);
        _name = sectionName;
    }

    public string? String(string key) => _section[key];

    public string String(string key, string fallback) => _section[key] ?? fallback;

    public int Int(string key, int fallback, int min, int max)
    {
        var text = _section[key];
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(key, $"'{text}' is not a whole number in [{min}, {max}].");
    }

    public bool Bool(string key, bool fallback)
    {
        var text = _section[key];
        if (text is null)
        {
            return fallback;
        }
        return bool.TryParse(text, out var value) ? value : throw Invalid(key, $"'{text}' is not true or false.");
    }

    public string IPAddress(string key, string fallback)
    {
        var text = _section[key] ?? fallback;
        return System.Net.IPAddress.TryParse(text, out _) ? text : throw Invalid(key, $"'{text}' is not an IP address.");
    }

    public ArgumentException Invalid(string key, string problem) => new($"Invalid setting {_name}:{key}: {problem}");
}
