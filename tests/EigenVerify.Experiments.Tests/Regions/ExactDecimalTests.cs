using EigenVerify.Experiments.Regions;
using Xunit;

namespace EigenVerify.Experiments.Tests.Regions;

/// <summary>Hyperparameters as the exact rationals the core takes.</summary>
public class ExactDecimalTests
{
    [Theory]
    [InlineData(0.1, "1/10")]
    [InlineData(0.05, "1/20")]
    [InlineData(0.9, "9/10")]
    [InlineData(2.0, "2")]
    [InlineData(-0.25, "-1/4")]
    [InlineData(1e-3, "1/1000")]
    [InlineData(1e-8, "1/100000000")]
    [InlineData(1.5e10, "15000000000")]
    [InlineData(0.0, "0")]
    public void Hyperparameters_become_the_rational_the_config_wrote(double x, string expected) =>
        Assert.Equal(expected, ExactDecimal.ToRational(x));

    [Fact]
    public void Every_short_decimal_maps_to_its_reduced_fraction()
    {
        // k/10^j for |k| < 10⁹ has ≤ 9 significant digits, so the double nearest to it prints
        // back as exactly that decimal; the fraction must be k/10^j in lowest terms.
        var random = new Random(17);
        for (var trial = 0; trial < 2000; trial++)
        {
            var k = random.NextInt64(-999_999_999, 1_000_000_000);
            var j = random.Next(0, 7);
            var d = (long)Math.Pow(10, j);
            var x = k / (double)d;
            var g = (long)System.Numerics.BigInteger.GreatestCommonDivisor(k, d);
            if (g == 0) g = 1;
            var expected = d / g == 1 ? $"{k / g}" : $"{k / g}/{d / g}";
            Assert.Equal(expected, ExactDecimal.ToRational(x));
        }
    }
}
