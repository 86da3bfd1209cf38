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
    public void The_command_source_parses_the_core_output_once_per_query_and_reports_failures()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["gd.json"], RegionFixtures.Gd);
        var log = dir["calls.txt"];
        // A stand-in for `eigenverify`: logs its arguments and prints the region.
        var source = new CliRegionSource("sh", ["-c", $"echo \"$*\" >> '{log}'; cat '{dir["gd.json"]}'", "eigenverify"]);
        var query = new CatalogQuery("gd", new Dictionary<string, string> { ["alpha"] = "1/10" });
        var region = source.Region(query);
        Assert.Equal("[0, 20]", region.ToString());
        source.Region(query);
        Assert.Equal(["region --optimizer gd --format json --params alpha=1/10"], File.ReadAllLines(log));

        var failing = new CliRegionSource("sh", ["-c", "echo 'error: unknown optimizer foo' >&2; exit 2", "eigenverify"]);
        var e = Assert.Throws<ExperimentException>(() => failing.Region(query with { Optimizer = "foo" }));
        Assert.Contains("failed (exit 2): error: unknown optimizer foo", e.Message);

        var garbage = new CliRegionSource("sh", ["-c", "echo 'not json'", "eigenverify"]);
        Assert.Contains("malformed region JSON", Assert.Throws<ExperimentException>(() => garbage.Region(query)).Message);

        // An answer about another rule than the one asked for is refused, not used.
        var other = Assert.Throws<ExperimentException>(() => source.Region(query with { Optimizer = "usam" }));
        Assert.EndsWith("answered for optimizer 'gd', not 'usam'", other.Message);
    }
}
