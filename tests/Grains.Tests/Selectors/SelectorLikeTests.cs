using Grains.Interfaces.Selectors;
using static Grains.Tests.Selectors.SelectorMessages;

namespace Grains.Tests.Selectors;

/// <summary>LIKE patterns: % and _, ESCAPE, NOT LIKE and NULL.</summary>
[Trait("Category", "Unit")]
public sealed class SelectorLikeTests
{
    [Theory]
    [InlineData("phone", "12%3", "123", true)]
    [InlineData("phone", "12%3", "12993", true)]
    [InlineData("phone", "12%3", "1234", false)]
    [InlineData("word", "l_se", "lose", true)]
    [InlineData("word", "l_se", "loose", false)]
    [InlineData("word", "%", "", true)]
    [InlineData("word", "_", "", false)]
    [InlineData("word", "", "", true)]
    [InlineData("word", "", "a", false)]
    [InlineData("word", "%%%", "abc", true)]
    [InlineData("word", "%a%b%c%", "xxaxxbxxcxx", true)]
    [InlineData("word", "%a%b%c%", "xxcxxbxxaxx", false)]
    [InlineData("word", "a%a%a", "aaaa", true)]
    [InlineData("word", "a%a%a", "aa", false)]
    [InlineData("word", "%ab", "aab", true)]
    [InlineData("word", "%ab", "abab", true)]
    [InlineData("word", "%aab", "aaab", true)]
    [InlineData("word", "__%__", "abcd", true)]
    [InlineData("word", "__%__", "abc", false)]
    [InlineData("word", "ABC", "abc", false)]
    [InlineData("word", "%.%", "a.b", true)]
    [InlineData("word", "[a]*", "[a]*", true)]
    [InlineData("word", "(a|b)", "a", false)]
    public void Like_Wildcards(string property, string pattern, string value, bool expected) =>
        Eval($"{property} LIKE '{pattern}'", With(property, value)).Should().Be(expected ? "TRUE" : "FALSE");

    [Theory]
    [InlineData(@"under\_score", "under_score", true)]
    [InlineData(@"under\_score", "underXscore", false)]
    [InlineData(@"100\%", "100%", true)]
    [InlineData(@"100\%", "1000", false)]
    [InlineData(@"back\\slash", @"back\slash", true)]
    [InlineData(@"\%%", "%abc", true)]
    [InlineData(@"\%%", "abc", false)]
    public void Like_Escape(string pattern, string value, bool expected) =>
        Eval($"v LIKE '{pattern}' ESCAPE '\\'", With("v", value)).Should().Be(expected ? "TRUE" : "FALSE");

    [Fact]
    public void Like_EscapeOfAnyCharacter() => Eval("v LIKE 'a!_b' ESCAPE '!'", With("v", "a_b")).Should().Be("TRUE");

    [Fact]
    public void Like_QuoteInPattern() => Eval("v LIKE 'it''s%'", With("v", "it's here")).Should().Be("TRUE");

    [Fact]
    public void NotLike_AndNull()
    {
        Eval("v NOT LIKE 'a%'", With("v", "abc")).Should().Be("FALSE");
        Eval("v NOT LIKE 'a%'", With("v", "xbc")).Should().Be("TRUE");
        Eval("v LIKE 'a%'").Should().Be("UNKNOWN");
        Eval("v NOT LIKE 'a%'").Should().Be("UNKNOWN");
    }

    [Fact]
    public void Like_LongTextAndManyWildcards_StaysFast()
    {
        var text = new string('a', 20_000);
        var selector = MessageSelector.Parse("v LIKE '%a%a%a%a%a%a%a%a%b'");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        selector.Matches(With("v", text)).Should().BeFalse();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the matcher backtracks to the last % only");
    }

    [Theory]
    [InlineData("v LIKE 'a!' ESCAPE '!'", "ends with its escape character")]
    [InlineData("v LIKE 'a!b' ESCAPE '!'", "must be followed by '%', '_' or itself")]
    [InlineData("v LIKE 'a' ESCAPE '!!'", "must be one character")]
    [InlineData("v LIKE 'a' ESCAPE ''", "must be one character")]
    [InlineData("v LIKE 5", "expected a string pattern after LIKE")]
    [InlineData("'abc' LIKE 'a%'", "LIKE applies to an identifier")]
    public void Like_Errors(string selector, string message)
    {
        var act = () => MessageSelector.Parse(selector);

        act.Should().Throw<SelectorParseException>().WithMessage($"*{message}*");
    }
}
