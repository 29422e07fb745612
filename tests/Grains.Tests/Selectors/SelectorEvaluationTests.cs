using System.Text;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Selectors;
using static Grains.Tests.Selectors.SelectorMessages;

namespace Grains.Tests.Selectors;

/// <summary>Every operator of the selector language against literals, application properties and JMS headers.</summary>
[Trait("Category", "Unit")]
public sealed class SelectorEvaluationTests
{
    [Theory]
    [InlineData("1 = 1", "TRUE")]
    [InlineData("1 = 2", "FALSE")]
    [InlineData("1 <> 2", "TRUE")]
    [InlineData("1 <> 1", "FALSE")]
    [InlineData("1 < 2", "TRUE")]
    [InlineData("2 < 2", "FALSE")]
    [InlineData("2 <= 2", "TRUE")]
    [InlineData("3 <= 2", "FALSE")]
    [InlineData("3 > 2", "TRUE")]
    [InlineData("2 > 2", "FALSE")]
    [InlineData("2 >= 2", "TRUE")]
    [InlineData("1 >= 2", "FALSE")]
    [InlineData("1 = 1.0", "TRUE")]
    [InlineData("2 > 1.5", "TRUE")]
    [InlineData("57E2 = 5700", "TRUE")]
    [InlineData("7e-3 < 0.01", "TRUE")]
    [InlineData(".5 = 0.5", "TRUE")]
    [InlineData("7. = 7", "TRUE")]
    [InlineData("10L = 10", "TRUE")]
    [InlineData("-9223372036854775808 < 0", "TRUE")]
    [InlineData("'abc' = 'abc'", "TRUE")]
    [InlineData("'abc' = 'ABC'", "FALSE")]
    [InlineData("'abc' <> 'abd'", "TRUE")]
    [InlineData("'it''s' = 'it''s'", "TRUE")]
    [InlineData("TRUE = TRUE", "TRUE")]
    [InlineData("TRUE <> FALSE", "TRUE")]
    [InlineData("true = FaLsE", "FALSE")]
    public void Comparison_OfLiterals(string selector, string expected) => Eval(selector).Should().Be(expected);

    [Theory]
    [InlineData("1 + 2 = 3")]
    [InlineData("5 - 7 = -2")]
    [InlineData("3 * 4 = 12")]
    [InlineData("7 / 2 = 3")]
    [InlineData("7 / 2.0 = 3.5")]
    [InlineData("-(2 + 3) = -5")]
    [InlineData("- -4 = 4")]
    [InlineData("+4 = 4")]
    [InlineData("2 + 3 * 4 = 14")]
    [InlineData("(2 + 3) * 4 = 20")]
    [InlineData("10 - 4 - 3 = 3")]
    [InlineData("24 / 4 / 2 = 3")]
    [InlineData("9223372036854775807 + 1 > 0")]
    [InlineData("-9223372036854775807 - 2 < 0")]
    [InlineData("4294967296 * 4294967296 > 0")]
    [InlineData("1.5 * 2 = 3")]
    public void Arithmetic_FollowsPrecedenceAndPromotion(string selector) => Eval(selector).Should().Be("TRUE");

    [Fact]
    public void Arithmetic_IntegerDivisionByZero_IsUnknown() => Eval("1 / 0 = 0").Should().Be("UNKNOWN");

    [Theory]
    [InlineData("5 BETWEEN 1 AND 10", "TRUE")]
    [InlineData("1 BETWEEN 1 AND 10", "TRUE")]
    [InlineData("10 BETWEEN 1 AND 10", "TRUE")]
    [InlineData("11 BETWEEN 1 AND 10", "FALSE")]
    [InlineData("11 NOT BETWEEN 1 AND 10", "TRUE")]
    [InlineData("5 NOT BETWEEN 1 AND 10", "FALSE")]
    [InlineData("2.5 BETWEEN 2 AND 3", "TRUE")]
    [InlineData("1 + 1 BETWEEN 2 AND 2 * 2", "TRUE")]
    [InlineData("missing BETWEEN 1 AND 10", "UNKNOWN")]
    [InlineData("missing NOT BETWEEN 1 AND 10", "UNKNOWN")]
    [InlineData("20 BETWEEN missing AND 10", "FALSE")]
    [InlineData("5 BETWEEN missing AND 10", "UNKNOWN")]
    public void Between(string selector, string expected) => Eval(selector).Should().Be(expected);

    [Theory]
    [InlineData("color IN ('red', 'green')", "TRUE")]
    [InlineData("color IN ('blue')", "FALSE")]
    [InlineData("color NOT IN ('blue', 'green')", "TRUE")]
    [InlineData("color NOT IN ('red')", "FALSE")]
    [InlineData("missing IN ('red')", "UNKNOWN")]
    [InlineData("missing NOT IN ('red')", "UNKNOWN")]
    [InlineData("size IN (1, 2, 3)", "TRUE")]
    [InlineData("size IN ('3')", "TRUE")]
    [InlineData("size IN (4, 5)", "FALSE")]
    public void In(string selector, string expected) =>
        Eval(selector, With("color", "red", "size", "3")).Should().Be(expected);

    [Theory]
    [InlineData("color IS NULL", "FALSE")]
    [InlineData("color IS NOT NULL", "TRUE")]
    [InlineData("missing IS NULL", "TRUE")]
    [InlineData("missing IS NOT NULL", "FALSE")]
    [InlineData("JMSCorrelationID IS NULL", "TRUE")]
    [InlineData("JMSType IS NULL", "TRUE")]
    [InlineData("JMSMessageID is not null", "TRUE")]
    public void IsNull_IsNeverUnknown(string selector, string expected) => Eval(selector, With("color", "red")).Should().Be(expected);

    [Theory]
    [InlineData("price > 10", "TRUE")]
    [InlineData("price = 12.5", "TRUE")]
    [InlineData("price * 2 = 25", "TRUE")]
    [InlineData("count = 7", "TRUE")]
    [InlineData("count = 7.0", "TRUE")]
    [InlineData("count / 2 = 3", "TRUE")]
    [InlineData("count < price", "TRUE")]
    [InlineData("count = '7'", "TRUE")]
    [InlineData("name = 'widget'", "TRUE")]
    [InlineData("name > 1", "FALSE")]
    [InlineData("name = 1", "FALSE")]
    [InlineData("NOT (name = 1)", "TRUE")]
    [InlineData("name + 1 = 2", "UNKNOWN")]
    [InlineData("-name = 1", "UNKNOWN")]
    [InlineData("urgent = TRUE", "TRUE")]
    [InlineData("urgent", "TRUE")]
    [InlineData("NOT urgent", "FALSE")]
    [InlineData("quiet = FALSE", "TRUE")]
    [InlineData("urgent = 'TRUE'", "FALSE")]
    [InlineData("name = TRUE", "FALSE")]
    [InlineData("name", "UNKNOWN")]
    [InlineData("count = padded", "TRUE")]
    [InlineData("name = widget2", "FALSE")]
    [InlineData("name <> widget2", "TRUE")]
    [InlineData("first = 'one'", "TRUE")]
    [InlineData("Name = 'widget'", "UNKNOWN")]
    public void Properties_TakeTheTypeOfWhatTheyMeet(string selector, string expected) =>
        Eval(selector, With("price", "12.5", "count", "7", "padded", " 7 ", "name", "widget", "widget2", "gadget",
            "urgent", "true", "quiet", "False", "first", "one", "first", "two")).Should().Be(expected);

    [Fact]
    public void Headers_ResolveFromTheMessage()
    {
        var message = new BrokerMessage
        {
            MessageId = "ID:42",
            Address = "orders",
            Priority = 7,
            Durable = false,
            CreatedAt = 1_700_000_000_000,
            ExpiresAt = 1_700_000_060_000,
            CorrelationData = Encoding.UTF8.GetBytes("corr-9"),
            GroupId = "g1",
            Properties = [new MessageProperty("JMSType", "order.created")],
        };

        Eval("JMSMessageID = 'ID:42'", message).Should().Be("TRUE");
        Eval("JMSPriority > 5 AND JMSPriority = 7", message).Should().Be("TRUE");
        Eval("JMSDeliveryMode = 'NON_PERSISTENT'", message).Should().Be("TRUE");
        Eval("JMSTimestamp = 1700000000000", message).Should().Be("TRUE");
        Eval("JMSExpiration - JMSTimestamp = 60000", message).Should().Be("TRUE");
        Eval("JMSCorrelationID = 'corr-9'", message).Should().Be("TRUE");
        Eval("JMSType LIKE 'order.%'", message).Should().Be("TRUE");
        Eval("JMSXGroupID = 'g1'", message).Should().Be("TRUE");
        Eval("JMSPriority LIKE '7'", message).Should().Be("FALSE", "LIKE applies to strings");
    }

    [Fact]
    public void Headers_DefaultsOfAPlainMessage()
    {
        var message = With();

        Eval("JMSDeliveryMode = 'PERSISTENT'", message).Should().Be("TRUE");
        Eval("JMSPriority = 4", message).Should().Be("TRUE");
        Eval("JMSExpiration = 0", message).Should().Be("TRUE");
        Eval("JMSCorrelationID = 'x'", message).Should().Be("UNKNOWN");
        Eval("JMSType = 'x'", message).Should().Be("UNKNOWN");
    }

    [Fact]
    public void Keywords_AreCaseInsensitive_IdentifiersAreNot()
    {
        var message = With("a", "1", "A", "2");

        Eval("a = 1 aNd A = 2 Or NoT a iS nUlL", message).Should().Be("TRUE");
        Eval("a BeTwEeN 0 aNd 1 AND a in ('1') and a like '1' escape '!'", message).Should().Be("TRUE");
        Eval("A = 1", message).Should().Be("FALSE");
    }

    [Fact]
    public void Selector_KeepsItsTextAndMatchesOnlyWhenTrue()
    {
        var selector = MessageSelector.Parse("color = 'red'");

        selector.Text.Should().Be("color = 'red'");
        selector.ToString().Should().Be("color = 'red'");
        selector.Matches(With("color", "red")).Should().BeTrue();
        selector.Matches(With("color", "blue")).Should().BeFalse();
        selector.Matches(With()).Should().BeFalse("UNKNOWN does not match");
    }

    [Fact]
    public void Evaluation_AllocatesNothing()
    {
        var selector = MessageSelector.Parse(
            "(price * 2 BETWEEN 10 AND 30 OR color IN ('red', 'blue')) AND name LIKE 'w%t' AND urgent AND JMSPriority > 1 " +
            "AND missing IS NULL AND NOT (count / 2 = 1.5) AND JMSDeliveryMode = 'PERSISTENT'");
        var message = With("price", "12.5", "color", "red", "name", "widget", "urgent", "true", "count", "7");
        selector.Matches(message).Should().BeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            selector.Matches(message);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ParseOptional_NoSelector_IsNull(string? text) => MessageSelector.ParseOptional(text).Should().BeNull();
}
