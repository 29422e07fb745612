using Grains.Interfaces.Selectors;

namespace Grains.Tests.Selectors;

/// <summary>Invalid selectors are refused with the position of the problem (what the AMQP gateway puts in its
/// amqp:invalid-field error).</summary>
[Trait("Category", "Unit")]
public sealed class SelectorParseErrorTests
{
    [Theory]
    [InlineData("", 1, "the selector is empty")]
    [InlineData("   ", 1, "the selector is empty")]
    [InlineData("(a = 1", 7, "expected ')' but found the end of the selector")]
    [InlineData("color = 'red' AND (size > 1", 28, "expected ')'")]
    [InlineData("a = 'unclosed", 5, "string literal is not closed")]
    [InlineData("a != 1", 3, "use '<>'")]
    [InlineData("a = \"x\"", 5, "single quotes")]
    [InlineData("a = 1 #", 7, "unexpected character '#'")]
    [InlineData("a =", 4, "expected a value, an identifier or '(' but found the end of the selector")]
    [InlineData("a = 1 b", 7, "expected an operator, AND, OR or the end of the selector but found identifier 'b'")]
    [InlineData("a = 1 = 2", 7, "found '='")]
    [InlineData("AND a = 1", 1, "expected a value")]
    [InlineData("a = 1 AND", 10, "expected a value")]
    [InlineData("a NOT = 1", 7, "expected BETWEEN, LIKE or IN after NOT")]
    [InlineData("a BETWEEN 1 OR 2", 13, "expected AND (of BETWEEN ... AND ...)")]
    [InlineData("a IS 1", 6, "expected NULL")]
    [InlineData("a IN ()", 7, "expected a value")]
    [InlineData("a IN ('x' 'y')", 11, "expected ')'")]
    [InlineData("a IN (b)", 7, "string or number literals only")]
    [InlineData("a IN 'x'", 6, "expected '(' after IN")]
    [InlineData("a = NULL", 5, "IS NULL")]
    [InlineData("1 IS NULL", 3, "IS NULL applies to an identifier")]
    [InlineData("'a' IN ('a')", 5, "IN applies to an identifier")]
    [InlineData("a = 12x", 7, "unexpected 'x' after the number 12")]
    [InlineData("a = 1e", 7, "expected the digits of an exponent")]
    [InlineData("a = 9223372036854775808", 5, "out of range")]
    [InlineData("a = 1e999", 5, "out of range")]
    public void Syntax_ErrorHasPosition(string selector, int position, string message)
    {
        var act = () => MessageSelector.Parse(selector);

        var error = act.Should().Throw<SelectorParseException>().Which;
        error.Position.Should().Be(position);
        error.Message.Should().StartWith($"Selector error at position {position}: ").And.Contain(message);
    }

    [Theory]
    [InlineData("'a' + 1 = 2", 5, "+ needs numbers, not a string value")]
    [InlineData("a = 1 + TRUE", 7, "+ needs numbers, not a boolean value")]
    [InlineData("-'a' = 1", 1, "unary - needs numbers")]
    [InlineData("'a' < 'b'", 5, "< needs numbers")]
    [InlineData("TRUE >= FALSE", 6, ">= needs numbers")]
    [InlineData("'a' = 1", 5, "cannot compare a string with a number")]
    [InlineData("JMSPriority = 'high'", 13, "cannot compare a number with a string")]
    [InlineData("JMSMessageID > 5", 14, "> needs numbers, not a string value")]
    [InlineData("1 AND a", 3, "AND needs conditions, not a number value")]
    [InlineData("a OR 'x'", 3, "OR needs conditions, not a string value")]
    [InlineData("NOT 5", 1, "NOT needs conditions")]
    [InlineData("'x' BETWEEN 1 AND 2", 5, "BETWEEN needs numbers")]
    [InlineData("a + 1", 1, "a selector must be a condition, not a number value")]
    [InlineData("'yes'", 1, "a selector must be a condition, not a string value")]
    [InlineData("JMSPriority", 1, "must be a condition")]
    public void Types_CheckedWhereKnown(string selector, int position, string message)
    {
        var act = () => MessageSelector.Parse(selector);

        var error = act.Should().Throw<SelectorParseException>().Which;
        error.Position.Should().Be(position);
        error.Detail.Should().Contain(message);
    }

    [Fact]
    public void Nesting_TooDeep_IsRefusedNotAStackOverflow()
    {
        var deep = new string('(', 10_000) + "a = 1" + new string(')', 10_000);
        var longChain = "a = 1" + string.Concat(Enumerable.Repeat(" + 1", 500));
        var manyNots = string.Concat(Enumerable.Repeat("NOT ", 10_000)) + "a";
        var manyMinus = "a = " + string.Concat(Enumerable.Repeat("-(", 10_000)) + "1" + new string(')', 10_000);

        foreach (var selector in new[] { deep, longChain, manyNots, manyMinus })
        {
            var act = () => MessageSelector.Parse(selector);
            act.Should().Throw<SelectorParseException>().WithMessage("*nested more than 100 levels*");
        }
    }

    [Fact]
    public void LongAndOrChains_AreFlat_AndAccepted()
    {
        var ors = string.Join(" OR ", Enumerable.Range(0, 5_000).Select(i => $"a = {i}"));

        MessageSelector.Parse(ors).Matches(SelectorMessages.With("a", "4999")).Should().BeTrue();
    }

    [Fact]
    public void TooLong_IsRefused()
    {
        var act = () => MessageSelector.Parse("a = '" + new string('x', 70_000) + "'");

        act.Should().Throw<SelectorParseException>().WithMessage("*longer than 65536 characters*");
    }
}
