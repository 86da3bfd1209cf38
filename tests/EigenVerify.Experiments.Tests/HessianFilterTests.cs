using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Optim;
using Xunit;

namespace EigenVerify.Experiments.Tests;

/// <summary>The filter check against hand-written region JSON in the core's documented shape.</summary>
public class HessianFilterTests
{
    const string Gd = """
        {"optimizer": "gd", "variable": "lambda", "params": {"alpha": "1/10"},
         "charpoly": "z - (1 - lambda/10)",
         "intervals": [{"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "20", "approx": 20.0, "closed": true}}],
         "points": [], "smooth": true, "theoremApplies": true}
        """;

    const string Usam = """
        {"optimizer": "usam", "variable": "lambda", "params": {"alpha": "1/10", "rho": "1/20"},
         "charpoly": "...",
         "intervals": [{"lower": {"exact": "-10-10*sqrt(5)", "approx": -32.3606797749979, "closed": true},
                        "upper": {"exact": "-20", "approx": -20.0, "closed": true}},
                       {"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "-10+10*sqrt(5)", "approx": 12.360679774997898, "closed": true}}],
         "points": [], "smooth": true, "theoremApplies": true}
        """;

    const string TwoStep = """
        {"optimizer": "two-step-usam", "variable": "lambda", "params": {"alpha": "1/10", "rho": "1/20"},
         "charpoly": "...",
         "intervals": [{"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "root of x^3 + 40x^2 + 400x - 8000 in (9, 10)", "approx": 9.31142463753536, "closed": true}}],
         "points": [{"exact": "-20", "approx": -20.0}], "smooth": true, "theoremApplies": true}
        """;

    const string Sam = """
        {"optimizer": "sam", "variable": "lambda", "params": {"alpha": "1/10", "rho": "1/20"},
         "charpoly": null, "intervals": [], "points": [], "smooth": false, "theoremApplies": false,
         "reason": "the update is not C1 at critical points"}
        """;

    const string Adam = """
        {"optimizer": "adam-frozen", "variable": "mu", "params": {"alpha": "1/100", "beta1": "9/10"},
         "charpoly": "...",
         "intervals": [{"lower": {"exact": "0", "approx": 0.0, "closed": true},
                        "upper": {"exact": "3800", "approx": 3800.0, "closed": true}}],
         "points": [], "smooth": true, "theoremApplies": true}
        """;

    [Fact]
    public void A_top_eigenvalue_inside_the_region_is_placed_with_its_share_of_the_bound()
    {
        var region = RegionJson.Parse(Gd, "gd.json");
        Assert.Equal("[0, 20]", region.ToString());
        var check = FilterCheck.Check("sgd_seed0", region, [19.6, 12.0, 3.0], -0.01, "lambda", stochastic: false);
        Assert.False(check.Flagged);
        Assert.Equal("λ_max = 19.6 ∈ [0, 20] (98 % of the bound)", check.Top[0].Text);
        Assert.Equal(0.98, check.Top[0].FractionOfBound!.Value, 1e-12); // 19.6/20, one division
        Assert.Contains(check.Lines, l => l.Contains("all top 3 in R"));
        // λ_min = −0.01 lies just below the region: reported, but it does not flag the run.
        Assert.False(check.Minimum!.Inside);
        Assert.Equal(0.01, check.Minimum.Distance, 1e-15);
        Assert.Contains("below the lower end", check.Minimum.Text);
    }

    [Fact]
    public void A_top_eigenvalue_above_the_bound_flags_the_run_and_says_by_how_much()
    {
        var region = RegionJson.Parse(Gd, "gd.json");
        var check = FilterCheck.Check("sgd_seed0", region, [23.0], null, "lambda", stochastic: true);
        Assert.True(check.Flagged);
        Assert.False(check.Top[0].Inside);
        Assert.True(check.Top[0].Above);
        Assert.Equal(3.0, check.Top[0].Distance, 1e-12);
        Assert.Equal(1.15, check.Top[0].FractionOfBound!.Value, 1e-12);
        var flag = Assert.Single(check.Lines, l => l.Contains("FLAGGED"));
        Assert.Contains("15.0 % above the region by 3", flag);
        Assert.Contains("expected for minibatch training", flag);
        // The same placement for a full-batch run says it has not converged instead.
        var deterministic = FilterCheck.Check("gd", region, [23.0], null, "lambda", stochastic: false);
        Assert.Contains(deterministic.Lines, l => l.Contains("has not converged"));
    }

    [Fact]
    public void Closed_and_open_endpoints_decide_membership_exactly_at_the_bound()
    {
        var closed = RegionJson.Parse(Gd, "gd.json");
        Assert.True(FilterCheck.Place(closed, "λ", 20.0).Inside);
        Assert.False(FilterCheck.Place(closed, "λ", Math.BitIncrement(20.0)).Inside);
        var open = RegionJson.Parse(Gd.Replace("\"approx\": 20.0, \"closed\": true", "\"approx\": 20.0, \"closed\": false"), "gd-open.json");
        Assert.False(FilterCheck.Place(open, "λ", 20.0).Inside);
        Assert.Equal("[0, 20)", open.ToString());
    }

    [Fact]
    public void USAM_negative_branch_contains_strongly_negative_curvature_but_not_the_gap()
    {
        var region = RegionJson.Parse(Usam, "usam.json");
        Assert.Equal(2, region.Intervals.Count);
        Assert.True(FilterCheck.Place(region, "λ", -25.0).Inside); // −10−10√5 ≤ −25 ≤ −20
        Assert.Null(FilterCheck.Place(region, "λ", -25.0).FractionOfBound); // a negative upper end is no "bound" share
        var gap = FilterCheck.Place(region, "λ", -5.0);
        Assert.False(gap.Inside);
        Assert.Equal(5.0, gap.Distance, 1e-12); // nearer to 0 (the positive branch) than to −20
        Assert.Contains("below the lower end of [0, 12.36]", gap.Text);
    }

    [Fact]
    public void Two_step_USAM_isolated_point_is_part_of_the_region_and_nearby_values_are_not()
    {
        var region = RegionJson.Parse(TwoStep, "two-step.json");
        Assert.Equal("[0, 9.311] ∪ {−20}", region.ToString());
        Assert.True(FilterCheck.Place(region, "λ", -20.0).Inside);
        var near = FilterCheck.Place(region, "λ", -19.0);
        Assert.False(near.Inside);
        Assert.Equal(1.0, near.Distance, 1e-12);
        Assert.Contains("isolated point −20", near.Text);
        var top = FilterCheck.Place(region, "λ", 9.0);
        Assert.Equal(9.0 / 9.31142463753536, top.FractionOfBound!.Value, 1e-12);
    }

    [Fact]
    public void SAM_gets_no_region_and_is_never_flagged()
    {
        var region = RegionJson.Parse(Sam, "sam.json");
        Assert.False(region.TheoremApplies);
        var check = FilterCheck.Check("sam_rho0.05", region, [1e6], null, "lambda", stochastic: true);
        Assert.False(check.Flagged);
        Assert.Empty(check.Top);
        Assert.Contains("the theorem does not apply (the update is not C1 at critical points)", check.Lines[0]);
    }

    [Fact]
    public void A_region_in_mu_refuses_eigenvalues_of_H()
    {
        var region = RegionJson.Parse(Adam, "adam.json");
        var e = Assert.Throws<ExperimentException>(() => FilterCheck.Check("adam", region, [5.0], null, "lambda", stochastic: true));
        Assert.Contains("stated in mu", e.Message);
        var ok = FilterCheck.Check("adam", region, [2974.0], null, "mu", stochastic: false);
        Assert.Equal("μ_max = 2974 ∈ [0, 3800] (78 % of the bound)", ok.Top[0].Text);
    }

    [Fact]
    public void Unbounded_ends_are_read_from_null()
    {
        var json = """
            {"optimizer": "x", "variable": "lambda", "params": {}, "charpoly": "",
             "intervals": [{"lower": null, "upper": {"exact": "-1", "approx": -1.0, "closed": true}},
                           {"lower": {"exact": "0", "approx": 0.0, "closed": false}, "upper": null}],
             "points": [], "smooth": true, "theoremApplies": true}
            """;
        var region = RegionJson.Parse(json, "x.json");
        Assert.Equal("(−∞, −1] ∪ (0, +∞)", region.ToString());
        Assert.True(region.Contains(-1e300));
        Assert.True(region.Contains(1e300));
        Assert.False(region.Contains(0.0));
        Assert.False(region.Contains(-0.5));
    }

    [Theory]
    [InlineData("{\"optimizer\": \"gd\",\n \"variable\": }", "bad.json:2:14: malformed region JSON")]
    [InlineData("{\"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": []}", "lacks \"optimizer\"")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"nu\", \"smooth\": true, \"theoremApplies\": true}", "\"variable\" is \"nu\"")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": [{\"lower\": null}]}", "lacks \"intervals[0].upper\"")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": [{\"lower\": {\"exact\": \"0\", \"approx\": \"0\", \"closed\": true}, \"upper\": null}]}", "\"intervals[0].lower.approx\" of kind String")]
    [InlineData("{\"optimizer\": \"gd\", \"variable\": \"lambda\", \"smooth\": true, \"theoremApplies\": true, \"intervals\": [{\"lower\": {\"exact\": \"2\", \"approx\": 2, \"closed\": true}, \"upper\": {\"exact\": \"1\", \"approx\": 1, \"closed\": true}}]}", "lower end 2 above upper end 1")]
    [InlineData("[1, 2]", "the top level is not an object")]
    public void Malformed_region_JSON_gives_one_line_naming_the_source_and_the_problem(string json, string expected)
    {
        var e = Assert.Throws<ExperimentException>(() => RegionJson.Parse(json, "bad.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.json", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

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
    public void Rule_files_for_combinations_missing_from_the_catalog_exist_and_name_themselves()
    {
        var folder = CliRegionSource.RulesFolder(RepositoryRoot());
        foreach (var name in new[] { "sam-hb", "sam-nesterov", "two-step-usam-hb", "two-step-usam-nesterov", "hessian-usam-hb", "hessian-usam-nesterov" })
        {
            var text = File.ReadAllText(Path.Combine(folder, name + ".rule"));
            Assert.Contains($"optimizer {name}\n", text);
        }
    }

    [Fact]
    public void The_command_source_parses_the_core_output_once_per_query_and_reports_failures()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["gd.json"], Gd);
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

    [Fact]
    public void The_command_source_reads_a_rule_missing_from_the_catalog_from_its_file()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["rules"]);
        File.WriteAllText(Path.Combine(dir["rules"], "sam-hb.rule"), "optimizer sam-hb\n");
        File.WriteAllText(dir["sam-hb.json"], Sam.Replace("\"optimizer\": \"sam\"", "\"optimizer\": \"sam-hb\""));
        var log = dir["calls.txt"];
        var source = new CliRegionSource("sh", ["-c", $"echo \"$*\" >> '{log}'; cat '{dir["sam-hb.json"]}'", "eigenverify"], dir["rules"]);
        var region = source.Region(new CatalogQuery("sam-hb", new Dictionary<string, string> { ["alpha"] = "1/100", ["beta"] = "9/10", ["rho"] = "1/20" }));
        Assert.Equal("sam-hb", region.Optimizer);
        Assert.False(region.TheoremApplies);
        Assert.Equal([$"region --rule {Path.Combine(dir["rules"], "sam-hb.rule")} --format json --params alpha=1/100,beta=9/10,rho=1/20"], File.ReadAllLines(log));
    }

    static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EigenVerify.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
