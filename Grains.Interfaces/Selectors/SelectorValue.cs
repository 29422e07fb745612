using System.Globalization;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// A value during evaluation, a struct so that evaluating a selector allocates nothing. A condition's value is a
/// <see cref="SelectorValueKind.Boolean"/> (TRUE/FALSE) or <see cref="Null"/> (UNKNOWN).
/// </summary>
internal readonly struct SelectorValue
{
    public static readonly SelectorValue Null = default;
    public static readonly SelectorValue True = new(SelectorValueKind.Boolean, 1, 0, null);
    public static readonly SelectorValue False = new(SelectorValueKind.Boolean, 0, 0, null);

    private readonly long _integer;
    private readonly double _float;

    private SelectorValue(SelectorValueKind kind, long integer, double number, string? text)
    {
        Kind = kind;
        _integer = integer;
        _float = number;
        Text = text;
    }

    public SelectorValueKind Kind { get; }

    /// <summary>The string of a <see cref="SelectorValueKind.String"/> or <see cref="SelectorValueKind.Property"/>.</summary>
    public string? Text { get; }

    public bool IsNull => Kind == SelectorValueKind.Null;

    public bool IsNumber => Kind is SelectorValueKind.Integer or SelectorValueKind.Float;

    public bool Boolean => _integer != 0;

    public long Integer => _integer;

    /// <summary>The number as a double (an integer promoted).</summary>
    public double Float => Kind == SelectorValueKind.Integer ? _integer : _float;

    public static SelectorValue FromBoolean(bool value) => value ? True : False;

    public static SelectorValue FromInteger(long value) => new(SelectorValueKind.Integer, value, 0, null);

    public static SelectorValue FromFloat(double value) => new(SelectorValueKind.Float, 0, value, null);

    public static SelectorValue FromString(string? value) => value is null ? Null : new(SelectorValueKind.String, 0, 0, value);

    public static SelectorValue FromProperty(string value) => new(SelectorValueKind.Property, 0, 0, value);

    /// <summary>TRUE, FALSE or null for UNKNOWN (a condition's value).</summary>
    public bool? AsTruth() => Kind == SelectorValueKind.Boolean ? Boolean : null;

    public override string ToString() => Kind switch
    {
        SelectorValueKind.Null => "NULL",
        SelectorValueKind.Boolean => Boolean ? "TRUE" : "FALSE",
        SelectorValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        SelectorValueKind.Float => _float.ToString("R", CultureInfo.InvariantCulture),
        _ => $"'{Text}'",
    };
}
