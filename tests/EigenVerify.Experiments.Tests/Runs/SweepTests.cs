using System.Text.Json;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Runs;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Runs;

/// <summary>Resume, shards, merge and the Figure 1 smoke preset, on tiny synthetic data.</summary>
public class SweepTests
{
    static ExperimentConfig Tiny() => TinySweep.Config("relu",
        new OptimizerEntry { Rule = "sgd" },
        new OptimizerEntry { Rule = "usam", Rhos = [0.05, 0.1] },
        new OptimizerEntry { Rule = "hessian-usam", Rhos = [0.05] });

    static Dictionary<string, RunResult> Results(string outDir) =>
        Directory.GetFiles(Path.Combine(outDir, "runs"), "*.json").Select(f => RunResult.TryRead(f)!).ToDictionary(r => r.Id);

    static void AssertSameSweep(string expectedDir, string actualDir)
    {
        var a = Results(expectedDir);
        var b = Results(actualDir);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (id, r) in a) Assert.True(r.SameOutcomeAs(b[id]), $"run {id} differs");
        Assert.Equal(File.ReadAllText(Path.Combine(expectedDir, "summary.json")), File.ReadAllText(Path.Combine(actualDir, "summary.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(expectedDir, "summary.csv")), File.ReadAllText(Path.Combine(actualDir, "summary.csv")));
        foreach (var id in a.Keys)
            Assert.Equal(File.ReadAllBytes(Path.Combine(expectedDir, "runs", id + ".weights")), File.ReadAllBytes(Path.Combine(actualDir, "runs", id + ".weights")));
    }

    [Fact]
    public void A_sweep_killed_mid_run_and_restarted_ends_with_the_results_of_an_uninterrupted_one()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 200, 100);
        var cfg = Tiny();
        Assert.True(Sweep.Run(cfg, new SweepOptions(t["full"], t["data"], t["cache"]), _ => { }));

        // Kill: cancel while the third run trains its first epoch; it must leave nothing behind.
        var opts = new SweepOptions(t["resumed"], t["data"], t["cache"]);
        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Sweep.Run(cfg, opts, line =>
        {
            if (line.StartsWith("[run 3/", StringComparison.Ordinal)) cts.Cancel();
        }, cancel: cts.Token));
        var ids = cfg.Runs().Select(r => r.Id).ToList();
        Assert.Equal(ids.Take(2).Order(), Results(t["resumed"]).Keys.Order());
        Assert.False(File.Exists(Path.Combine(t["resumed"], "summary.json")));
        // What a non-atomic writer killed mid-write would leave: a half file; it must be redone.
        File.WriteAllText(Sweep.RunPath(opts, ids[3]), "{\"id\": \"" + ids[3] + "\", \"histo");

        var log = new List<string>();
        Assert.True(Sweep.Run(cfg, opts, log.Add));
        Assert.Contains(log, l => l.Contains("2 already done", StringComparison.Ordinal));
        AssertSameSweep(t["full"], t["resumed"]);

        // Saved weights reproduce the recorded test accuracy.
        using (var data = DatasetLoader.Load(new DataOptions("mnist", t["data"], t["cache"]), TorchSharp.torch.CPU, TorchSharp.torch.ScalarType.Float32, _ => { }))
        {
            var run = cfg.Runs()[1];
            using var model = Sweep.LoadModel(cfg, opts, run, data.ImageShape, TorchSharp.torch.CPU)!;
            Assert.Equal(Results(t["resumed"])[run.Id].TestAccuracy, Trainer.Evaluate(model, data.TestX, data.TestY).Accuracy);
        }

        // A third call finds everything done and trains nothing.
        var again = new List<string>();
        Assert.True(Sweep.Run(cfg, opts, again.Add));
        Assert.DoesNotContain(again, l => l.StartsWith("[run", StringComparison.Ordinal));
    }

    [Fact]
    public void Shards_merged_equal_a_single_run_and_a_changed_setting_is_not_merged()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 200, 100);
        var cfg = Tiny();
        Assert.True(Sweep.Run(cfg, new SweepOptions(t["single"], t["data"], t["cache"]), _ => { }));
        var shardDirs = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var dir = t[$"shard{i}"];
            shardDirs.Add(dir);
            // a shard alone is incomplete: no summary
            Assert.False(Sweep.Run(cfg, new SweepOptions(dir, t["data"], t["cache"], ShardIndex: i, ShardCount: 3), _ => { }));
        }
        Assert.Equal(cfg.Runs().Count, shardDirs.Sum(d => Results(d).Count));
        Assert.True(Sweep.Merge(cfg, new SweepOptions(t["merged"], null, t["cache"]), shardDirs, _ => { }));
        AssertSameSweep(t["single"], t["merged"]);

        // The same shard made with another learning rate must be refused, naming the file.
        var other = cfg with { Betas = [new MomentumEntry { Beta = 0, LearningRate = 0.2 }, cfg.Betas[1]] };
        Assert.False(Sweep.Run(other, new SweepOptions(t["other"], t["data"], t["cache"], ShardIndex: 0, ShardCount: 3), _ => { }));
        var e = Assert.Throws<ExperimentException>(() => Sweep.Merge(cfg, new SweepOptions(t["merged2"], null, t["cache"]), [t["other"]], _ => { }));
        // Files are merged in ordinal order; the first, Hessian USAM at β = 0, has the changed rate.
        var first = Path.Combine(t["other"], "runs", "hessian-usam_rho0.05_beta0_seed0.json");
        Assert.Equal($"{first}: run hessian-usam_rho0.05_beta0_seed0 was made with different settings than tiny preset test", e.Message);
    }

    [Fact]
    public void The_figure1_smoke_preset_produces_every_optimizer_with_and_without_momentum()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 300, 100);
        var cfg = ExperimentConfig.Load(Repository.Path("scripts", "experiments", "figure1.json"), "smoke");
        Assert.True(Sweep.Run(cfg, new SweepOptions(t["out"], t["data"], t["cache"]), _ => { }));

        var summary = JsonDocument.Parse(File.ReadAllText(t[Path.Combine("out", "summary.json")])).RootElement;
        var rows = summary.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("rule").GetString(), r.GetProperty("beta").GetDouble())).ToHashSet();
        foreach (var rule in new[] { "sgd", "sam", "usam", "usam2", "hessian-usam" })
            foreach (var beta in new[] { 0.0, 0.9 })
                Assert.Contains((rule, beta), rows);
        Assert.Equal(10, rows.Count);

        var csv = File.ReadAllLines(t[Path.Combine("out", "summary.csv")]);
        Assert.Equal(11, csv.Length);
        // Hessian USAM's ρ grid is the paper's: the kept ρ is one of 0.01 … 0.2.
        var hessian = summary.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("rule").GetString() == "hessian-usam");
        Assert.Contains(hessian.GetProperty("bestRho").GetDouble(), new[] { 0.01, 0.02, 0.05, 0.1, 0.2 });
        Assert.Equal(5, hessian.GetProperty("accuracyByRho").EnumerateObject().Count());
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G'];
        foreach (var f in new[] { "accuracy.png", "curves.png" })
            Assert.Equal(png, File.ReadAllBytes(t[Path.Combine("out", f)])[..4]);
    }

    [Fact]
    public void Runs_selected_by_id_are_the_only_ones_trained_and_the_summary_waits_for_the_rest()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 300, 100);
        var cfg = ExperimentConfig.Load(Repository.Path("scripts", "experiments", "figure1.json"), "smoke");
        string[] only = ["sgd_beta0_seed0", "hessian-usam_rho0.2_beta0_seed0"];
        Assert.Equal(only, Sweep.Selected(cfg, 0, 1, only).Select(r => r.Id));
        var log = new List<string>();
        var complete = Sweep.Run(cfg, new SweepOptions(t["out"], t["data"], t["cache"]) { OnlyRuns = only }, log.Add);

        // Two run files and no summary: the other runs of the sweep are missing.
        Assert.False(complete);
        Assert.Equal(only.Select(id => id + ".json").Order(), Directory.GetFiles(t[Path.Combine("out", "runs")], "*.json").Select(Path.GetFileName).Order());
        Assert.False(File.Exists(t[Path.Combine("out", "summary.json")]));
        Assert.Contains(log, l => l.Contains("2 selected by --runs, 0 already done, 2 to run"));

        // An id that is not a run of the sweep is refused, naming it.
        var e = Assert.Throws<ExperimentException>(() => Sweep.Selected(cfg, 0, 1, ["sgd_beta0_seed9"]));
        Assert.StartsWith("--runs: sgd_beta0_seed9 not in the figure1 sweep (its runs: sgd_beta0_seed0, ", e.Message);
    }

    [Fact]
    public void A_diverging_run_is_recorded_as_diverged_and_the_sweep_still_summarises()
    {
        using var t = new TempDir();
        Synthetic.WriteMnistFolder(t["data"], 200, 100);
        // α = 1e6 overflows the logits within the first epoch.
        var cfg = Tiny() with
        {
            Optimizers = [new OptimizerEntry { Rule = "sgd" }],
            Betas = [new MomentumEntry { Beta = 0, LearningRate = 1e6 }],
            Epochs = 3,
        };
        Assert.True(Sweep.Run(cfg, new SweepOptions(t["out"], t["data"], t["cache"]), _ => { }));
        var r = Assert.Single(Results(t["out"]).Values);
        Assert.True(r.Diverged);
        Assert.True(r.History.Length < 3); // stopped after the first non-finite epoch
        Assert.False(double.IsFinite(r.TrainLoss));
        Assert.True(File.Exists(t[Path.Combine("out", "accuracy.png")]));
    }

    [Fact]
    public void The_kept_rho_is_the_one_with_the_best_test_accuracy()
    {
        RunResult R(string rule, double rho, double acc) => new() { Id = $"{rule}{rho}", Rule = rule, Rho = rho, TestAccuracy = acc };
        var cfg = Tiny();
        var s = Summary.Build(cfg, [R("usam", 0.05, 0.7), R("usam", 0.1, 0.9), R("sgd", 0, 0.8), R("hessian-usam", 0.05, 0.6)]);
        var usam = Assert.Single(s.Rows, r => r.Rule == "usam");
        Assert.Equal(0.1, usam.BestRho);
        Assert.Equal(0.9, usam.TestAccuracy);
        Assert.Equal(["sgd", "usam", "hessian-usam"], s.Rows.Select(r => r.Rule)); // config order
    }
}
