using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Figures;
using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;
using EigenVerify.Experiments.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Measurement;

/// <summary>The runner hook end to end on a tiny synthetic sweep, with hand-written regions.</summary>
public class HessianHookTests
{
    static ExperimentConfig Tiny() => TinySweep.Config("tanh",
        new OptimizerEntry { Rule = "sgd" },
        new OptimizerEntry { Rule = "sam", Rhos = [0.05] },
        new OptimizerEntry { Rule = "adam", LearningRate = 0.01 });

    static readonly HessianSettings Settings = new(
        Examples: 100, BatchSize: 50, Top: 3, Lanczos: new LanczosOptions(40, 1e-5),
        TraceProbes: 4, DensityProbes: 1, DensitySteps: 10, Sharpness: new SharpnessOptions(Steps: 2));

    [Fact]
    public void Every_run_is_measured_placed_in_its_region_and_tabulated()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 200, 100);
        var cfg = Tiny();
        // Each run's rule, written out by hand: β = 0 runs are the plain rules at α = 1/10, β = 0.9
        // runs the momentum rules at α = 1/100, Adam the frozen-preconditioner rule (in μ).
        var expected = new Dictionary<string, (string Catalog, string? Region)>
        {
            ["sgd_beta0_seed0"] = ("gd(alpha=1/10)", "[0, 20]"),
            ["sgd_beta0.9_seed0"] = ("heavy-ball(alpha=1/100,beta=9/10)", "[0, 380]"),
            ["sam_rho0.05_beta0_seed0"] = ("sam(alpha=1/10,rho=1/20)", null),
            ["sam_rho0.05_beta0.9_seed0"] = ("sam-hb(alpha=1/100,beta=9/10,rho=1/20)", null),
            ["adam_seed0"] = ("adam-frozen(alpha=1/100,beta1=9/10)", "[0, 3800]"),
        };
        var regions = new FixedRegionSource(new Dictionary<string, FilterRegion>
        {
            ["gd(alpha=1/10)"] = RegionFixtures.Interval("gd", "lambda", 20, ("alpha", "1/10")),
            ["heavy-ball(alpha=1/100,beta=9/10)"] = RegionFixtures.Interval("heavy-ball", "lambda", 380, ("alpha", "1/100"), ("beta", "9/10")),
            ["sam(alpha=1/10,rho=1/20)"] = RegionFixtures.NotC1("sam", ("alpha", "1/10"), ("rho", "1/20")),
            ["sam-hb(alpha=1/100,beta=9/10,rho=1/20)"] = RegionFixtures.NotC1("sam-hb", ("alpha", "1/100"), ("beta", "9/10"), ("rho", "1/20")),
            ["adam-frozen(alpha=1/100,beta1=9/10)"] = RegionFixtures.Interval("adam-frozen", "mu", 3800, ("alpha", "1/100"), ("beta1", "9/10")),
        });
        var log = new List<string>();
        var opts = new SweepOptions(t["out"], t["data"], t["cache"]);
        Assert.True(Sweep.Run(cfg, opts, log.Add, HessianHook.AfterRun(cfg, regions, log.Add, Settings)));

        var results = cfg.Runs().Select(r => RunResult.TryRead(Sweep.RunPath(opts, r.Id))!).ToList();
        Assert.Equal(expected.Keys.Order(), results.Select(r => r.Id).Order());
        foreach (var r in results)
        {
            var record = HessianRecord.FromRun(r)!;
            var spectrum = record.Spectrum!;
            var filter = record.Filter!;
            var (catalog, region) = expected[r.Id];
            Assert.Equal(catalog, $"{filter.Optimizer}({filter.Params})");
            Assert.Equal(region is not null, filter.TheoremApplies);
            // The check is printed while the sweep runs, headed by the run, its rule and R.
            var header = region is null ? $"{r.Id} — {catalog}: the theorem does not apply (not C¹ at critical points); λ_max = " : $"{r.Id} — {catalog}: R = {region}";
            Assert.Equal(header, region is null ? filter.Lines[0][..header.Length] : filter.Lines[0]);
            Assert.Contains("  " + filter.Lines[0], log);
            Assert.Equal(100, spectrum.Examples);
            Assert.True(filter.Stochastic); // batches of 50 out of 200 images
            Assert.True(spectrum.Top.Values.Zip(spectrum.Top.Values.Skip(1)).All(p => p.First >= p.Second)); // largest first
            if (r.Rule == "adam")
            {
                Assert.Equal("mu", filter.Variable);
                Assert.Equal(spectrum.Preconditioned!.Values[0], filter.Value);
            }
            else
            {
                Assert.Equal(spectrum.Top.Values[0], filter.Value);
                Assert.True(spectrum.Minimum <= spectrum.Top.Values[^1]);
            }
            if (r.Rule == "sam") Assert.False(filter.TheoremApplies);
            else
            {
                Assert.Equal(filter.Value >= 0 && filter.Value <= filter.Bound, filter.Inside);
                Assert.Equal(!filter.Inside, filter.Flagged);
            }

            // The per-sample curvatures along the top eigenvector: one per measured example, and
            // their mean is vᵀHv, the Ritz value λ_max (a Rayleigh quotient). Both come from float32
            // products (rounding ~1e-6 relative), so 1e-3 is a wide margin.
            var curvatures = spectrum.Curvatures!;
            Assert.Equal(100, curvatures.Values.Length);
            Assert.True(Math.Abs(curvatures.Mean - spectrum.Top.Values[0]) <= 1e-3 * Math.Abs(spectrum.Top.Values[0]),
                $"{r.Id}: mean curvature {curvatures.Mean}, λ_max {spectrum.Top.Values[0]}");
            if (r.Rule == "sgd")
            {
                // GD and heavy ball are affine in λ: σ² = p·s² with p = (200 − 50)/(50·199) = 3/199.
                var ms = record.MeanSquare!;
                Assert.Null(record.MeanSquareError);
                Assert.Equal((catalog, "variance", 200, 50, "3/199"), ($"{ms.Optimizer}({ms.Params})", ms.Noise, ms.Samples, ms.Batch, ms.Factor));
                // s² of the curvatures rounded to six significant digits: 1e-5 relative covers the rounding.
                Assert.True(Math.Abs(ms.BatchVariance - 3.0 / 199 * curvatures.Variance) <= 1e-5 * ms.BatchVariance);
                Assert.Equal(spectrum.Top.Values[0], ms.Value);
                // The batch noise only shrinks the region: inside it means inside the deterministic one.
                if (ms.Inside) Assert.True(filter.Inside);
                Assert.Contains("    " + ms.Line, log);
            }
            else
            {
                Assert.Null(record.MeanSquare);
                Assert.Contains(r.Rule == "sam" ? "not C¹" : "stated in mu", record.MeanSquareError);
            }
        }

        // Independent re-measurement from the saved weights, with more Lanczos steps and another
        // start vector: the stored λ_max is that of the final parameters.
        using (var data = DatasetLoader.Load(new DataOptions("mnist", t["data"], t["cache"]), CPU, ScalarType.Float32, _ => { }))
        {
            var run = cfg.Runs()[0];
            using var model = Sweep.LoadModel(cfg, opts, run, data.ImageShape, CPU)!;
            model.eval();
            var loss = TrainingLoss.ForModel(model, data.TrainX.narrow(0, 0, 100), data.TrainY.narrow(0, 0, 100), 100,
                (o, y) => nn.functional.cross_entropy(o, y), "check");
            var fresh = Lanczos.Extremes(loss.Hessian, 1, new LanczosOptions(120, 1e-7, Seed: 9)).Top(1)[0];
            var stored = HessianRecord.FromRun(results[0])!.Spectrum!.Top.Values[0];
            // Both converged to residual ≤ 1e-5‖H‖ (eigenvalue error ≤ residual), on float32 products
            // (rounding ~1e-6 relative): agreement to 1e-3 leaves a wide margin.
            Assert.True(Math.Abs(fresh - stored) <= 1e-3 * Math.Abs(fresh), $"stored {stored}, re-measured {fresh}");
        }

        var summary = Summary.Build(cfg, results);
        var table = HessianFigures.Write(summary, results, t["out"], log.Add)!;
        // hessian.csv and the Markdown table: one row per run, each with the stored placement.
        var csv = Csv.Read(t["out/hessian.csv"]);
        Assert.Equal(results.Select(r => r.Id), csv.Select(row => row["run"]));
        // The first table (the deterministic check); the mean-square table follows it.
        var rows = table[..table.IndexOf("Mean-square placement", StringComparison.Ordinal)].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
        Assert.Equal(results.Select(r => r.Id), rows.Select(c => c[0]));
        foreach (var (r, row, cells) in results.Zip(csv, rows))
        {
            var f = HessianRecord.FromRun(r)!.Filter!;
            Assert.Equal(expected[r.Id].Catalog, $"{row["catalog"]}({row["params"]})");
            Assert.Equal(f.Value, double.Parse(row["top_value"], System.Globalization.CultureInfo.InvariantCulture)); // written with "R": round-trips
            Assert.Equal(!f.TheoremApplies ? "n/a" : f.Inside ? "yes" : "no", row["inside"]);
            Assert.Equal(f.Flagged ? "yes" : "no", row["flagged"]);
            Assert.Equal(!f.TheoremApplies ? "theorem n/a" : f.Inside ? "yes" : "**no** (minibatch)", cells[5]);
            Assert.Equal(expected[r.Id].Region ?? "–", cells[2]);
        }
        // The placed points for the mean-square plots: the two SGD runs.
        var points = Csv.Read(t["out/meansquare-points.csv"]);
        Assert.Equal(["sgd_beta0_seed0", "sgd_beta0.9_seed0"], points.Select(p => p["run"]));
        foreach (var p in points)
        {
            var m = HessianRecord.FromRun(results.Single(r => r.Id == p["run"]))!.MeanSquare!;
            Assert.Equal((m.Optimizer, m.Value, m.BatchVariance, m.Inside ? "yes" : "no"),
                (p["optimizer"], double.Parse(p["lambda_max"], System.Globalization.CultureInfo.InvariantCulture),
                 double.Parse(p["sigma2"], System.Globalization.CultureInfo.InvariantCulture), p["inside"]));
            var row = csv.Single(c => c["run"] == p["run"]);
            Assert.Equal((p["sigma2"], "variance", p["inside"]), (row["sigma2"], row["ms_noise"], row["ms_inside"]));
        }
        Assert.Contains("| sgd_beta0_seed0 | ", table[table.IndexOf("Mean-square placement", StringComparison.Ordinal)..]);
        Assert.True(new FileInfo(t["out/spectrum.png"]).Length > 1000);
        Assert.True(new FileInfo(t["out/density.png"]).Length > 1000);
    }

    [Fact]
    public void A_diverged_run_is_recorded_as_skipped_and_a_missing_region_does_not_fail_the_run()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 60, 20);
        using var data = DatasetLoader.Load(new DataOptions("mnist", t["data"], t["cache"]), CPU, ScalarType.Float32, _ => { });
        var spec = new RunSpec(new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.1 }, 0);
        var regions = new FixedRegionSource(new Dictionary<string, FilterRegion>());
        var log = new List<string>();

        var model = new ModelSpec { Hidden = [4] }.Build(data.ImageShape, 10, CPU, ScalarType.Float32);
        using (var diverged = new TrainedRun(spec, model, new TrainingOptimizer(model.parameters(), spec.Optimizer), data,
                   [new EpochMetrics(1, double.NaN, 0, double.NaN, 0, 0)]))
        {
            var record = HessianHook.Measure(diverged, true, Settings, regions, log.Add);
            Assert.Null(record.Spectrum);
            Assert.Equal("the run diverged", record.Skipped);
        }

        var model2 = new ModelSpec { Hidden = [4] }.Build(data.ImageShape, 10, CPU, ScalarType.Float32);
        using var finished = new TrainedRun(spec, model2, new TrainingOptimizer(model2.parameters(), spec.Optimizer), data,
            [new EpochMetrics(1, 2.0, 0.1, 2.0, 0.1, 0)]);
        var measured = HessianHook.Measure(finished, true, Settings, regions, log.Add);
        Assert.NotNull(measured.Spectrum);
        Assert.Null(measured.Filter);
        Assert.Contains("no region stored for gd(alpha=1/10)", measured.FilterError);
    }
}
