using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Selectors;

namespace Grains.Tests.Selectors;

/// <summary>
/// FsCheck properties over random conditions on random messages: NOT is logical negation where the operand is known
/// (and keeps UNKNOWN), De Morgan holds in three-valued logic, BETWEEN is its definition, and a parsed selector's
/// evaluation agrees with a reference evaluation of the same random condition.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SelectorLogicPropertyTests
{
    private static readonly string[] Names = ["a", "b", "c"];

    /// <summary>A random condition as selector text, paired with a reference evaluator (null = UNKNOWN).</summary>
    private sealed record Condition(string Text, Func<IReadOnlyDictionary<string, long>, bool?> Reference)
    {
        public override string ToString() => Text;
    }

    private static Gen<Condition> Leaf() =>
        from name in Gen.Elements(Names)
        from op in Gen.Elements("=", "<>", "<", "<=", ">", ">=")
        from value in Gen.Choose(-3, 3)
        select new Condition($"{name} {op} {value}", props => props.TryGetValue(name, out var v) ? Compare(op, v, value) : null);

    private static bool Compare(string op, long left, long right) => op switch
    {
        "=" => left == right,
        "<>" => left != right,
        "<" => left < right,
        "<=" => left <= right,
        ">" => left > right,
        _ => left >= right,
    };

    private static Gen<Condition> Conditions(int size) =>
        size <= 0
            ? Leaf()
            : Gen.OneOf(
                Leaf(),
                Conditions(size / 2).Select(c => new Condition($"NOT ({c.Text})", p => !c.Reference(p))),
                Gen.Zip(Conditions(size / 2), Conditions(size / 2)).Select(t => new Condition($"({t.Item1.Text}) AND ({t.Item2.Text})",
                    p => And(t.Item1.Reference(p), t.Item2.Reference(p)))),
                Gen.Zip(Conditions(size / 2), Conditions(size / 2)).Select(t => new Condition($"({t.Item1.Text}) OR ({t.Item2.Text})",
                    p => Or(t.Item1.Reference(p), t.Item2.Reference(p)))));

    private static bool? And(bool? x, bool? y) => x == false || y == false ? false : x == true && y == true ? true : null;

    private static bool? Or(bool? x, bool? y) => x == true || y == true ? true : x == false && y == false ? false : null;

    /// <summary>Each of a, b, c present with a small value, or absent (NULL).</summary>
    private static Gen<Dictionary<string, long>> Properties() =>
        Gen.Choose(-4, 4).Select(v => v).ArrayOf(3).Select(values =>
        {
            var properties = new Dictionary<string, long>();
            for (var i = 0; i < Names.Length; i++)
            {
                if (values[i] != 4)
                {
                    properties[Names[i]] = values[i];
                }
            }
            return properties;
        });

    private static BrokerMessage Message(Dictionary<string, long> properties) => new()
    {
        MessageId = "m",
        Address = "a",
        Properties = [.. properties.Select(p => new MessageProperty(p.Key, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
    };

    private static Arbitrary<(Condition Condition, Dictionary<string, long> Properties)> Cases() =>
        Gen.Zip(Gen.Sized(s => Conditions(Math.Min(s, 16))), Properties()).Select(t => (t.Item1, t.Item2)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Not_IsNegation_WhereKnown_AndUnknownStaysUnknown() =>
        Prop.ForAll(Cases(), c =>
        {
            var message = Message(c.Properties);
            var value = MessageSelector.Parse(c.Condition.Text).Evaluate(message);
            var negated = MessageSelector.Parse($"NOT ({c.Condition.Text})").Evaluate(message);
            return value is null ? negated is null : negated == !value;
        });

    [Property(MaxTest = 500)]
    public Property Evaluation_AgreesWithReference() =>
        Prop.ForAll(Cases(), c =>
            MessageSelector.Parse(c.Condition.Text).Evaluate(Message(c.Properties)) == c.Condition.Reference(c.Properties));

    [Property(MaxTest = 300)]
    public Property DeMorgan_HoldsInThreeValuedLogic() =>
        Prop.ForAll(Cases(), Cases(), (x, y) =>
        {
            var message = Message(x.Properties);
            var left = MessageSelector.Parse($"NOT (({x.Condition.Text}) AND ({y.Condition.Text}))").Evaluate(message);
            var right = MessageSelector.Parse($"NOT ({x.Condition.Text}) OR NOT ({y.Condition.Text})").Evaluate(message);
            return left == right;
        });

    [Property(MaxTest = 300)]
    public Property Between_IsLowAtMostValueAtMostHigh() =>
        Prop.ForAll(Cases(), Gen.Choose(-3, 3).ToArbitrary(), Gen.Choose(-3, 3).ToArbitrary(), (c, low, high) =>
        {
            var message = Message(c.Properties);
            var between = MessageSelector.Parse($"a BETWEEN {low} AND {high}").Evaluate(message);
            var expanded = MessageSelector.Parse($"{low} <= a AND a <= {high}").Evaluate(message);
            var notBetween = MessageSelector.Parse($"a NOT BETWEEN {low} AND {high}").Evaluate(message);
            return between == expanded && notBetween == !between;
        });
}
