namespace Grains.Interfaces.Selectors;

/// <summary>
/// One token of a selector: its kind, its text (a string literal's text is unquoted, <c>''</c> already turned into
/// <c>'</c>) and its 1-based position in the selector.
/// </summary>
internal readonly record struct SelectorToken(SelectorTokenKind Kind, string Text, int Position)
{
    /// <summary>The token as an error message shows it.</summary>
    public string Describe() => Kind switch
    {
        SelectorTokenKind.End => "the end of the selector",
        SelectorTokenKind.String => $"string '{Text}'",
        SelectorTokenKind.Identifier => $"identifier '{Text}'",
        _ => $"'{Text}'",
    };
}
