using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Regions;

/// <summary>Which rule a trained optimizer asks the core about, and how the command source asks.</summary>
public class RegionSourceTests
{
    [Fact]
    public void Trained_optimizers_map_to_the_core_rules_with_exact_hyperparameters()
    {
        static string Query(OptimizerSpec spec) => CatalogQuery.ForOptimizer(spec).Describe();
        Assert.Equal("gd(alpha=1/10)", Query(new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.1 }));
        Assert.Equal("heavy-ball(alpha=1/100,beta=9/10)", Query(new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.01, Momentum = Momentum.HeavyBall, Beta = 0.9 }));
        Assert.Equal("nesterov(alpha=1/100,beta=9/10)", Query(new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.01, Momentum = Momentum.Nesterov, Beta = 0.9 }));
        Assert.Equal("usam-hb(alpha=1/100,beta=9/10,rho=1/20)", Query(new OptimizerSpec { Kind = OptimizerKind.Usam, LearningRate = 0.01, Rho = 0.05, Momentum = Momentum.HeavyBall, Beta = 0.9 }));
        Assert.Equal("two-step-usam-nesterov(alpha=1/100,beta=9/10,rho=1/10)", Query(new OptimizerSpec { Kind = OptimizerKind.TwoStepUsam, LearningRate = 0.01, Rho = 0.1, Momentum = Momentum.Nesterov, Beta = 0.9 }));
        Assert.Equal("sam(alpha=1/10,rho=1/5)", Query(new OptimizerSpec { Kind = OptimizerKind.Sam, LearningRate = 0.1, Rho = 0.2 }));
        // β = 0 is plain Hessian USAM whatever momentum scheme the config names.
        Assert.Equal("hessian-usam(alpha=1/10,rho=1/50)", Query(new OptimizerSpec { Kind = OptimizerKind.HessianUsam, LearningRate = 0.1, Rho = 0.02, Momentum = Momentum.HeavyBall, Beta = 0 }));
        // Adam's momentum is β₁; the frozen-preconditioner rule takes it, not β.
        Assert.Equal("adam-frozen(alpha=1/1000,beta1=9/10)", Query(new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.001, Beta1 = 0.9, Momentum = Momentum.HeavyBall, Beta = 0.5 }));
    }

    [Fact]
    public void Every_trained_optimizer_maps_to_a_catalog_rule_with_the_rules_own_parameters()
    {
        // Each kind with each momentum scheme at β = 9/10: the rule exists in the core's catalog and
        // the query carries exactly the hyperparameters the rule declares, in its order.
        foreach (var kind in Enum.GetValues<OptimizerKind>())
            foreach (var momentum in Enum.GetValues<Momentum>())
            {
                var q = CatalogQuery.ForOptimizer(new OptimizerSpec { Kind = kind, LearningRate = 0.01, Rho = 0.05, Beta = 0.9, Beta1 = 0.9, Momentum = momentum });
                Assert.Contains(q.Optimizer, EigenVerify.Symbolic.Catalog.names);
                Assert.Equal(EigenVerify.Symbolic.Catalog.load(q.Optimizer).Params.Select(p => p.Name), q.Params.Keys);
            }
    }

    [Fact]
    public void The_core_source_gives_the_hand_derived_regions_and_refuses_unknown_rules()
    {
        var source = new CoreRegionSource();
        static CatalogQuery Query(string rule, params (string Key, string Value)[] ps) => new(rule, ps.ToDictionary(p => p.Key, p => p.Value));
        // The hand-written regions (see RegionFixtures): GD's [0, 2/α], USAM's two branches
        // −10 ± 10√5 and −20, two-step USAM's cubic root 9.3114… with the isolated point −20.
        foreach (var (query, json) in new[]
        {
            (Query("gd", ("alpha", "1/10")), RegionFixtures.Gd),
            (Query("usam", ("alpha", "1/10"), ("rho", "1/20")), RegionFixtures.Usam),
            (Query("two-step-usam", ("alpha", "1/10"), ("rho", "1/20")), RegionFixtures.TwoStep),
        })
        {
            var expected = RegionJson.Parse(json, "fixture");
            var region = source.Region(query);
            Assert.Equal((expected.Optimizer, expected.Variable, expected.ToString(), true), (region.Optimizer, region.Variable, region.ToString(), region.TheoremApplies));
            Assert.Equal(expected.Intervals.Select(i => (i.Lower?.Closed, i.Upper?.Closed)), region.Intervals.Select(i => (i.Lower?.Closed, i.Upper?.Closed)));
            // The same algebraic numbers: the core's nearest doubles against the fixtures' decimals,
            // written by hand to 17 digits (−10 + 10√5 = 12.36067977499789696…: the fixture's last
            // digit is one off), so they agree to a few ulps, 1e-14 relative.
            static double[] Ends(FilterRegion r) => r.Intervals.SelectMany(i => new[] { i.Lower?.Approx ?? double.NaN, i.Upper?.Approx ?? double.NaN }).Concat(r.Points.Select(p => p.Approx)).ToArray();
            foreach (var (e, a) in Ends(expected).Zip(Ends(region), (e, a) => (e, a)))
                Assert.True(Math.Abs(e - a) <= 1e-14 * Math.Abs(e), $"{query.Describe()}: end {a}, by hand {e}");
            Assert.Equal(Ends(expected).Length, Ends(region).Length);
            Assert.Same(region, source.Region(query)); // cached
        }
        // Adam's frozen-preconditioner rule is stated in μ: [0, 2(1 + β₁)/(α(1 − β₁))] = [0, 3800].
        var adam = source.Region(Query("adam-frozen", ("alpha", "1/100"), ("beta1", "9/10")));
        Assert.Equal(("mu", "[0, 3800]"), (adam.Variable, adam.ToString()));
        // Nesterov with USAM's momentum versions: the catalog's new rules answer too, e.g. Hessian
        // USAM with Nesterov at α = 1/100, β = 9/10, ρ = 1/20 has the isolated point −1/ρ = −20.
        Assert.Equal("−20", RegionText.Number(source.Region(Query("hessian-usam-nesterov", ("alpha", "1/100"), ("beta", "9/10"), ("rho", "1/20"))).Points.Single().Exact, 0));

        var sam = source.Region(Query("sam-hb", ("alpha", "1/100"), ("beta", "9/10"), ("rho", "1/20")));
        Assert.False(sam.TheoremApplies);
        Assert.Contains("norm(g)", sam.Reason);
        Assert.StartsWith("adamw is not in the core's catalog (catalog: gd, heavy-ball, nesterov, sam, ", Assert.Throws<ExperimentException>(() => source.Region(Query("adamw", ("alpha", "1/10")))).Message);
        Assert.Contains("beta", Assert.Throws<ExperimentException>(() => source.Region(Query("heavy-ball", ("alpha", "1/10")))).Message);
    }
}
