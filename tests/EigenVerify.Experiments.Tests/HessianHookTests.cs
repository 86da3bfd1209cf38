using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Figures;
using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Runs;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests;

/// <summary>The runner hook end to end on a tiny synthetic sweep, with hand-written regions.</summary>
public class HessianHookTests
{
    static ExperimentConfig Tiny() => new()
    {
        Figure = "tiny",
        Title = "tiny",
        Preset = "test",
        Dataset = "mnist",
        Model = new ModelSpec { Kind = "mlp", Hidden = [8], Activation = "tanh" },
        Optimizers =
        [
            new OptimizerEntry { Rule = "sgd" },
            new OptimizerEntry { Rule = "sam", Rhos = [0.05] },
            new OptimizerEntry { Rule = "adam", LearningRate = 0.01 },
        ],
        Momentum = "heavy-ball",
        Betas = [new MomentumEntry { Beta = 0, LearningRate = 0.1 }, new MomentumEntry { Beta = 0.9, LearningRate = 0.01 }],
        Epochs = 2,
        BatchSize = 50,
        Seeds = [0],
        Threads = 1,
    };

    static FilterRegion Interval(string optimizer, string variable, double upper, params (string, string)[] ps) => new(
        optimizer, variable, ps.ToDictionary(p => p.Item1, p => p.Item2), "",
        [new RegionInterval(new RegionEndpoint("0", 0, true), new RegionEndpoint(upper.ToString(System.Globalization.CultureInfo.InvariantCulture), upper, true))],
        [], true, true, null);

    static FilterRegion NotC1(string optimizer, params (string, string)[] ps) => new(
        optimizer, "lambda", ps.ToDictionary(p => p.Item1, p => p.Item2), "", [], [], false, false, "not C¹ at critical points");

    static readonly HessianSettings Settings = new(
        Examples: 100, BatchSize: 50, Top: 3, Lanczos: new LanczosOptions(40, 1e-5),
        TraceProbes: 4, DensityProbes: 1, DensitySteps: 10, Sharpness: new SharpnessOptions(Steps: 2));

    [Fact]
    public void Every_run_is_measured_placed_in_its_region_and_tabulated()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 200, 100);
        var cfg = Tiny();
        var regions = new FixedRegionSource(new Dictionary<string, FilterRegion>
        {
            ["gd(alpha=1/10)"] = Interval("gd", "lambda", 20, ("alpha", "1/10")),
            ["heavy-ball(alpha=1/100,beta=9/10)"] = Interval("heavy-ball", "lambda", 380, ("alpha", "1/100"), ("beta", "9/10")),
            ["sam(alpha=1/10,rho=1/20)"] = NotC1("sam", ("alpha", "1/10"), ("rho", "1/20")),
            ["sam-hb(alpha=1/100,beta=9/10,rho=1/20)"] = NotC1("sam-hb", ("alpha", "1/100"), ("beta", "9/10"), ("rho", "1/20")),
            ["adam-frozen(alpha=1/100,beta1=9/10)"] = Interval("adam-frozen", "mu", 3800, ("alpha", "1/100"), ("beta1", "9/10")),
        });
        var log = new List<string>();
        var opts = new SweepOptions(t["out"], t["data"], t["cache"]);
        Assert.True(Sweep.Run(cfg, opts, log.Add, HessianHook.AfterRun(cfg, regions, log.Add, Settings)));

        var results = cfg.Runs().Select(r => RunResult.TryRead(Sweep.RunPath(opts, r.Id))!).ToList();
        Assert.Equal(5, results.Count);
        foreach (var r in results)
        {
            var record = HessianRecord.FromRun(r)!;
            var spectrum = record.Spectrum!;
            var filter = record.Filter!;
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
        }
        // The check is printed for every run.
        // One header per run: "<run> — <rule>(<params>): R = …" or "…: the theorem does not apply …".
        var checks = log.Where(l => l.Contains(" — ", StringComparison.Ordinal)
            && (l.Contains("): R = ", StringComparison.Ordinal) || l.Contains("the theorem does not apply", StringComparison.Ordinal))).ToList();
        Assert.True(checks.Count == 5, string.Join("\n", log));

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
        foreach (var r in results) Assert.Contains($"| {r.Id} |", table);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(t["out"], "hessian.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(t["out"], "spectrum.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(t["out"], "density.png")).Length > 1000);
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
