namespace Grains.Interfaces.Selectors;

/// <summary>
/// What the parser knows of an expression's type before any message is seen, used to refuse selectors that can never
/// make sense (<c>'a' + 1</c>, <c>TRUE &lt; 2</c>, <c>NOT 5</c>). Identifiers of application properties are
/// <see cref="Any"/>: their type is known per message.
/// </summary>
internal enum SelectorType
{
    Any,
    Boolean,
    Numeric,
    String,
}
