using Runtime.Identity;
using Runtime.Placement;

namespace Runtime.Tests.Placement;

[Trait("Category", "Unit")]
public sealed class RendezvousPlacementDirectorTests
{
    private static readonly RendezvousPlacementDirector _director = RendezvousPlacementDirector.Instance;

    private static List<SiloAddress> Silos(int count, int firstPort = 11000) =>
        Enumerable.Range(0, count).Select(i => new SiloAddress("127.0.0.1", firstPort + i, 30000 + i, 1000 + i)).ToList();

    private static List<GrainId> Grains(int count) =>
        Enumerable.Range(0, count).Select(i => GrainId.Create("queue", $"orders-{i}")).ToList();

    [Fact]
    public void PickOwner_SameViewInAnyOrder_SameOwner()
    {
        var silos = Silos(5);
        var shuffled = silos.AsEnumerable().Reverse().ToList();
        foreach (var grain in Grains(1000))
        {
            _director.PickOwner(grain, silos).Should().Be(_director.PickOwner(grain, shuffled));
        }
    }

    [Fact]
    public void PickOwner_EqualButDistinctAddressObjects_SameOwner()
    {
        // Another process parses the same addresses from the membership table: equal values, other instances.
        var silos = Silos(4);
        var parsed = silos.Select(s => SiloAddress.Parse(s.ToString())).ToList();
        foreach (var grain in Grains(1000))
        {
            _director.PickOwner(grain, parsed).Should().Be(_director.PickOwner(grain, silos));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void PickOwner_SiloJoins_MovesAboutOneInNPlusOneAndOnlyToTheNewSilo(int n)
    {
        var before = Silos(n);
        var newcomer = new SiloAddress("127.0.0.1", 12000, 31000, 5000);
        var after = before.Append(newcomer).ToList();
        var grains = Grains(10_000);

        var moved = 0;
        foreach (var grain in grains)
        {
            var oldOwner = _director.PickOwner(grain, before);
            var newOwner = _director.PickOwner(grain, after);
            if (oldOwner != newOwner)
            {
                newOwner.Should().Be(newcomer, "a grain may only move to the silo that joined");
                moved++;
            }
        }

        var expected = 10_000.0 / (n + 1);
        moved.Should().BeInRange((int)(expected * 0.85), (int)(expected * 1.15),
            $"about 1/{n + 1} of the grains should move to the new silo (expected ≈{expected:F0})");
    }

    [Fact]
    public void PickOwner_SiloLeaves_OnlyItsGrainsMove()
    {
        var silos = Silos(4);
        var leaving = silos[2];
        var remaining = silos.Where(s => s != leaving).ToList();
        foreach (var grain in Grains(5000))
        {
            var oldOwner = _director.PickOwner(grain, silos);
            if (oldOwner != leaving)
            {
                _director.PickOwner(grain, remaining).Should().Be(oldOwner);
            }
        }
    }

    [Fact]
    public void PickOwner_ManyGrains_SpreadEvenly()
    {
        var silos = Silos(3);
        var counts = Grains(9000).GroupBy(g => _director.PickOwner(g, silos)).ToDictionary(g => g.Key, g => g.Count());
        counts.Should().HaveCount(3);
        counts.Values.Should().OnlyContain(c => c > 2700 && c < 3300);
    }

    [Fact]
    public void PickOwner_NoSilo_Throws()
    {
        var act = () => _director.PickOwner(GrainId.Create("queue", "a"), []);
        act.Should().Throw<InvalidOperationException>();
    }
}
