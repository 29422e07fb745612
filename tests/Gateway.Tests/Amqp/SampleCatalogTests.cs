using System.Reflection;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp;

/// <summary>The sample catalog covers every performative and composite, fully and minimally.</summary>
[Trait("Category", "Unit")]
public sealed class SampleCatalogTests
{
    /// <summary>Properties that are alternatives to another (a typed or an opaque terminus): one of each pair is set.</summary>
    private static readonly HashSet<string> Alternatives = ["Attach.OtherSource", "Attach.OtherTarget", "Attach.Coordinator"];

    [Fact]
    public void Samples_EveryPerformativeAndComposite_HasFullAndMinimalSample()
    {
        var types = typeof(AmqpComposite).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(AmqpComposite)) && !t.IsAbstract)
            .ToArray();
        var sampled = AmqpSamples.PerformativeNames.Select(n => AmqpSamples.Performative(n).GetType())
            .Concat(AmqpSamples.CompositeNames.Select(n => AmqpSamples.Composite(n).GetType()))
            .ToHashSet();

        types.Should().HaveCount(29,
            "9 AMQP and 5 SASL performatives, error, source, target, 5 delivery states, header, properties, coordinator, declare, discharge, declared, transactional-state");
        sampled.Should().BeEquivalentTo(types);
    }

    [Theory]
    [MemberData(nameof(AmqpSamples.Performatives), MemberType = typeof(AmqpSamples))]
    public void FullSample_EveryFieldSet_DiffersFromDefault(string name)
    {
        if (!name.EndsWith("-full", StringComparison.Ordinal))
        {
            return;
        }
        AssertEveryFieldSet(AmqpSamples.Performative(name));
    }

    [Theory]
    [MemberData(nameof(AmqpSamples.Composites), MemberType = typeof(AmqpSamples))]
    public void FullCompositeSample_EveryFieldSet_DiffersFromDefault(string name)
    {
        if (!name.EndsWith("-full", StringComparison.Ordinal))
        {
            return;
        }
        AssertEveryFieldSet(AmqpSamples.Composite(name));
    }

    private static void AssertEveryFieldSet(AmqpComposite sample)
    {
        var type = sample.GetType();
        var fresh = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (Alternatives.Contains($"{type.Name}.{property.Name}"))
            {
                continue;
            }
            var value = property.GetValue(sample);
            var initial = property.GetValue(fresh);
            Equals(value, initial).Should().BeFalse($"{type.Name}.{property.Name} is set in the full sample");
        }
    }
}
