using MesaServicio.Core.Routing;

namespace MesaServicio.Tests.Routing;

[Trait("Pass", "Once")]
public class TechnicianPickerTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Least_open_work_wins()
    {
        TechnicianPicker.Pick([new(A, 0, 5), new(B, 1, 2), new(C, 2, 3)], null).Should().Be(B);
    }

    [Fact]
    public void Ties_go_round_robin_after_the_last_pick()
    {
        RoutingCandidate[] tied = [new(A, 0, 1), new(B, 1, 1), new(C, 2, 1)];
        TechnicianPicker.Pick(tied, null).Should().Be(A);
        TechnicianPicker.Pick(tied, A).Should().Be(B);
        TechnicianPicker.Pick(tied, B).Should().Be(C);
        TechnicianPicker.Pick(tied, C).Should().Be(A);
    }

    [Fact]
    public void Nobody_to_pick_gives_nobody() => TechnicianPicker.Pick([], null).Should().BeNull();

    [Fact]
    public void Routing_is_fair_over_1000_cases_when_work_is_closed_at_random()
    {
        var people = new[] { A, B, C, Guid.NewGuid(), Guid.NewGuid() };
        var open = people.ToDictionary(p => p, _ => 0);
        var received = people.ToDictionary(p => p, _ => 0);
        var random = new Random(1234);
        Guid? last = null;
        for (var i = 0; i < 1000; i++)
        {
            var candidates = people.Select((p, index) => new RoutingCandidate(p, index, open[p])).ToList();
            var pick = TechnicianPicker.Pick(candidates, last)!.Value;
            candidates.Min(c => c.OpenCases).Should().Be(open[pick], "the pick always has the least open work");
            open[pick]++;
            received[pick]++;
            last = pick;

            // Somebody closes a case now and then.
            if (random.NextDouble() < 0.7)
            {
                var closer = people[random.Next(people.Length)];
                if (open[closer] > 0)
                {
                    open[closer]--;
                }
            }

            (open.Values.Max() - open.Values.Min()).Should().BeLessThanOrEqualTo(1 + people.Length, "open work stays level");
        }

        received.Values.Sum().Should().Be(1000);
        received.Values.Min().Should().BeGreaterThan(150, "nobody is starved");
    }

    [Fact]
    public void With_nobody_closing_1000_cases_split_exactly_evenly()
    {
        var people = new[] { A, B, C, Guid.NewGuid() };
        var open = people.ToDictionary(p => p, _ => 0);
        Guid? last = null;
        for (var i = 0; i < 1000; i++)
        {
            var pick = TechnicianPicker.Pick(people.Select((p, index) => new RoutingCandidate(p, index, open[p])).ToList(), last)!.Value;
            open[pick]++;
            last = pick;
        }

        open.Values.Should().AllBeEquivalentTo(250);
    }
}
