using System.Numerics;
using System.Text.Json;
using EigenVerify.Algebra;
using Xunit;

namespace EigenVerify.CSharp.Tests;

/// <summary>
/// The facade as a C# caller uses it: static classes, arrays and plain properties, one exception
/// type. The expected regions are derived by hand (heavy ball: [0, 2(1 + β)/α]).
/// </summary>
public class FacadeSmokeTests
{
    static string FixturePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EigenVerify.sln")))
                return Path.Combine(dir.FullName, "tests", "fixtures", "json", name);
        throw new InvalidOperationException("the repository root was not found");
    }

    [Fact]
    public void HeavyBallRegionIsTheHandDerivedInterval()
    {
        OptimizerRule rule = Optimizer.Catalog("heavy-ball");
        ParameterSet values = Parameters.ParseFor(rule, "alpha=1/100,beta=9/10");
        RegionReport region = Filter.Region(rule, values);

        Assert.True(region.TheoremApplies);
        RegionInterval interval = Assert.Single(region.Intervals);
        // 2(1 + 9/10)/(1/100) = 380
        Assert.Equal("380", interval.UpperText);
        Assert.True(region.Contains(Rational.Create(new BigInteger(380), BigInteger.One)));
        Assert.False(region.Contains(Rational.Create(new BigInteger(381), BigInteger.One)));
        Assert.Equal(380.0, interval.UpperApproximation);
    }

    [Fact]
    public void TheFacadeAgreesWithTheCliJsonFixture()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePath("region-heavy-ball.json")));
        var upper = doc.RootElement.GetProperty("intervals")[0].GetProperty("upper").GetProperty("exact").GetString();
        var region = Filter.Region(Optimizer.Catalog("heavy-ball"), Parameters.Parse("alpha=1/100,beta=9/10"));
        Assert.Equal(upper, region.Intervals[0].UpperText);
    }

    [Fact]
    public void ErrorsAreOneExceptionTypeWithKindAndPlace()
    {
        var unknown = Assert.Throws<EigenVerifyException>(() => Optimizer.Catalog("adamw"));
        Assert.Equal(ErrorKind.UnknownOptimizer, unknown.Kind);
        Assert.False(unknown.HasLocation);

        var broken = Assert.Throws<EigenVerifyException>(() =>
            Optimizer.Parse("broken.rule", "optimizer b\nparams alpha > 0\nstate x\nx' = x - alpha*grad(x\n"));
        Assert.Equal(ErrorKind.InvalidRule, broken.Kind);
        Assert.Equal("broken.rule", broken.Origin);
        Assert.Equal(4, broken.Line);
    }

    [Fact]
    public void ClosedFormsAndJacobiansAreStringsAndArrays()
    {
        ClosedFormReport gd = Filter.ClosedFormSampled(5, Optimizer.Catalog("gd"));
        Assert.True(gd.HasClosedForm);
        Assert.Equal("0 <= lambda <= 2/alpha", gd.Statement);
        Assert.True(gd.HasAgreement);

        JacobianReport hb = Filter.Jacobian(Optimizer.Catalog("heavy-ball"));
        // M(λ) = [[1 + β − αλ, −β], [1, 0]]
        Assert.Equal(2, hb.MatrixText.Length);
        Assert.Equal(new[] { "1", "0" }, hb.MatrixText[1]);
        Assert.Equal("-beta", hb.MatrixText[0][1]);

        string[] names = Optimizer.CatalogNames();
        Assert.Equal("gd", names[0]);
    }

    static Rational Q(int n, int d) => Rational.Create(new BigInteger(n), new BigInteger(d));

    [Fact]
    public void RatesAreExactAtAnEigenvalueAndOverASpectrum()
    {
        OptimizerRule gd = Optimizer.Catalog("gd");
        ParameterSet values = Parameters.ParseFor(gd, "alpha=1/10");
        // |1 − αλ| = |1 − 15/10| = 1/2, a single real root 1 − αλ = −1/2
        RateReport rate = Rates.At(gd, values, Q(15, 1));
        Assert.Equal("1/2", rate.RateText);
        Assert.Equal("-1/2", AlgebraicNumberModule.toString(Assert.Single(rate.DominantRealRoots)));

        // GD on [1, 100] tuned: α* = 2/(1 + 100), rate (100 − 1)/(100 + 1)
        TuningReport tuned = Rates.Tune(gd, Q(1, 1), Q(100, 1), ["alpha"], Parameters.Create([]),
            new Dictionary<string, KeyValuePair<Rational, Rational>>(), Rates.DefaultEpsilon);
        Assert.Equal(["2/101"], tuned.OptimumText);
        Assert.Equal("99/101", tuned.RateText);

        // the radius-1/2 region of GD: (1 − r)/α ≤ λ ≤ (1 + r)/α = [5, 15]
        RadiusRegionReport radius = Rates.RadiusRegion(gd, values, Q(1, 2));
        Assert.Equal("[5, 15]", radius.Text);

        var unknown = Assert.Throws<EigenVerifyException>(() => Rates.Tune(gd, Q(1, 1), Q(100, 1), ["gamma"], Parameters.Create([]),
            new Dictionary<string, KeyValuePair<Rational, Rational>>(), Rates.DefaultEpsilon));
        Assert.Equal(ErrorKind.InvalidArgument, unknown.Kind);
        Assert.Contains("'gamma'", unknown.Message);
    }

    [Fact]
    public void TheMeanSquareRegionFollowsTheHandDerivedBoundary()
    {
        OptimizerRule gd = Optimizer.Catalog("gd");
        ParameterSet values = Parameters.ParseFor(gd, "alpha=1/10");
        // (1 − αλ)² + α²σ² ≤ 1 at λ = 15: σ² ≤ 75
        Assert.True(Stochastic.IsStable(gd, values, Q(15, 1), Q(75, 1)));
        Assert.False(Stochastic.IsStable(gd, values, Q(15, 1), Q(75001, 1000)));
        // σ² = p·s², p = (n − B)/(B(n − 1)) for n = 1000, B = 32: s ≤ sqrt(75/p) = 49.768…
        BatchModel model = Stochastic.SpreadModel(32, 1000, Q(0, 1));
        VarianceLimitReport limit = Stochastic.VarianceLimit(gd, values, Q(15, 1), model);
        Assert.Equal(StabilityLimitKind.UpTo, limit.SpreadKind);
        Assert.StartsWith("49.768", AlgebraicNumberModule.toDecimal(8, limit.MaxSpread));
        MeanSquareRegionReport below = Stochastic.Region(gd, values, Stochastic.SpreadModel(32, 1000, Q(49768, 1000) * Q(49768, 1000)));
        MeanSquareRegionReport above = Stochastic.Region(gd, values, Stochastic.SpreadModel(32, 1000, Q(49769, 1000) * Q(49769, 1000)));
        Assert.True(below.Contains(Q(15, 1)));
        Assert.False(above.Contains(Q(15, 1)));
    }
}
