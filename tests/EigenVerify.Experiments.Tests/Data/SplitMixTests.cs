using EigenVerify.Experiments.Data;
using Xunit;

namespace EigenVerify.Experiments.Tests.Data;

/// <summary>The generator behind every data order and split.</summary>
public class SplitMixTests
{
    [Fact]
    public void The_generator_is_SplitMix64_as_published()
    {
        // The reference outputs of SplitMix64 seeded with 0 (the algorithm's published test vector).
        var g = new SplitMix(0);
        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL], new[] { g.Next(), g.Next(), g.Next() });
    }

    [Fact]
    public void A_permutation_holds_every_index_once_and_draws_below_their_bound()
    {
        var p = new SplitMix(3).Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), p);
        var g = new SplitMix(4);
        var draws = Enumerable.Range(0, 10_000).Select(_ => g.NextBelow(7)).ToList();
        Assert.All(draws, d => Assert.InRange(d, 0, 6));
        // 10 000 uniform draws over 7 values: each count is 1428.6 ± 35 (one standard deviation),
        // so every value appears and none more than 1 600 times (5 standard deviations).
        Assert.All(Enumerable.Range(0, 7), v => Assert.InRange(draws.Count(d => d == v), 1, 1600));
    }
}
