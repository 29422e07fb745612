using static Grains.Tests.Selectors.SelectorMessages;

namespace Grains.Tests.Selectors;

/// <summary>SQL three-valued logic (JMS 2.0 3.8.1.2): the truth tables of AND, OR and NOT with UNKNOWN, and how NULL
/// operands make comparisons and arithmetic UNKNOWN.</summary>
[Trait("Category", "Unit")]
public sealed class SelectorThreeValuedLogicTests
{
    // "u" is an absent property: "u = 1" is UNKNOWN.
    private static string Term(string value) => value switch
    {
        "TRUE" => "1 = 1",
        "FALSE" => "1 = 2",
        _ => "u = 1",
    };

    [Theory]
    [InlineData("TRUE", "TRUE", "TRUE")]
    [InlineData("TRUE", "FALSE", "FALSE")]
    [InlineData("TRUE", "UNKNOWN", "UNKNOWN")]
    [InlineData("FALSE", "TRUE", "FALSE")]
    [InlineData("FALSE", "FALSE", "FALSE")]
    [InlineData("FALSE", "UNKNOWN", "FALSE")]
    [InlineData("UNKNOWN", "TRUE", "UNKNOWN")]
    [InlineData("UNKNOWN", "FALSE", "FALSE")]
    [InlineData("UNKNOWN", "UNKNOWN", "UNKNOWN")]
    public void And_TruthTable(string left, string right, string expected) =>
        Eval($"({Term(left)}) AND ({Term(right)})").Should().Be(expected);

    [Theory]
    [InlineData("TRUE", "TRUE", "TRUE")]
    [InlineData("TRUE", "FALSE", "TRUE")]
    [InlineData("TRUE", "UNKNOWN", "TRUE")]
    [InlineData("FALSE", "TRUE", "TRUE")]
    [InlineData("FALSE", "FALSE", "FALSE")]
    [InlineData("FALSE", "UNKNOWN", "UNKNOWN")]
    [InlineData("UNKNOWN", "TRUE", "TRUE")]
    [InlineData("UNKNOWN", "FALSE", "UNKNOWN")]
    [InlineData("UNKNOWN", "UNKNOWN", "UNKNOWN")]
    public void Or_TruthTable(string left, string right, string expected) =>
        Eval($"({Term(left)}) OR ({Term(right)})").Should().Be(expected);

    [Theory]
    [InlineData("TRUE", "FALSE")]
    [InlineData("FALSE", "TRUE")]
    [InlineData("UNKNOWN", "UNKNOWN")]
    public void Not_TruthTable(string operand, string expected) => Eval($"NOT ({Term(operand)})").Should().Be(expected);

    [Theory]
    [InlineData("u = 1")]
    [InlineData("u <> 1")]
    [InlineData("u < 1")]
    [InlineData("u >= 1")]
    [InlineData("u = 'x'")]
    [InlineData("u = TRUE")]
    [InlineData("u = u")]
    [InlineData("u + 1 = 1")]
    [InlineData("1 - u = 1")]
    [InlineData("u * 0 = 0")]
    [InlineData("0 / u = 0")]
    [InlineData("-u = 0")]
    [InlineData("u")]
    [InlineData("NOT u")]
    [InlineData("JMSCorrelationID = 'x'")]
    public void NullOperand_IsUnknown(string selector) => Eval(selector).Should().Be("UNKNOWN");

    [Fact]
    public void Chains_AreThreeValuedToo()
    {
        Eval("1 = 2 OR u = 1 OR 2 = 2").Should().Be("TRUE");
        Eval("1 = 1 AND u = 1 AND 2 = 2").Should().Be("UNKNOWN");
        Eval("1 = 1 AND u = 1 AND 2 = 3").Should().Be("FALSE");
        Eval("NOT NOT (u = 1)").Should().Be("UNKNOWN");
    }

    [Fact]
    public void Precedence_NotBindsTighterThanAnd_AndTighterThanOr()
    {
        Eval("1 = 1 OR 1 = 2 AND 1 = 2").Should().Be("TRUE", "AND before OR");
        Eval("(1 = 1 OR 1 = 2) AND 1 = 2").Should().Be("FALSE");
        Eval("NOT 1 = 1 AND 1 = 2").Should().Be("FALSE", "NOT applies to the comparison");
        Eval("NOT 1 = 2 OR 1 = 2").Should().Be("TRUE");
    }
}
