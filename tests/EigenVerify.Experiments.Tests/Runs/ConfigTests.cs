using System.Text;
using System.Text.Json;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Runs;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Runs;

/// <summary>Experiment configs: presets, the sweep they expand to, and their errors.</summary>
public class ConfigTests
{
    const string Base = """
    {
      // comment allowed
      "figure": "f", "title": "t", "dataset": "mnist",
      "model": { "kind": "mlp", "hidden": [256, 256], "activation": "tanh" },
      "optimizers": [ { "rule": "sgd" }, { "rule": "usam", "rhos": [0.1, 0.2] } ],
      "betas": [ { "beta": 0.0, "learningRate": 0.1 }, { "beta": 0.9, "learningRate": 0.01 } ],
      "epochs": 5,
      "presets": { "smoke": { "epochs": 1, "model": { "hidden": [16] } }, "paper": {} }
    }
    """;

    static string Write(TempDir t, string text)
    {
        var p = t["cfg.json"];
        File.WriteAllText(p, text);
        return p;
    }

    [Fact]
    public void A_preset_overrides_only_what_it_states()
    {
        using var t = new TempDir();
        var cfg = ExperimentConfig.Load(Write(t, Base), "smoke");
        Assert.Equal(1, cfg.Epochs);
        Assert.Equal([16], cfg.Model.Hidden);
        Assert.Equal("tanh", cfg.Model.Activation); // kept from the base: objects merge
        Assert.Equal("smoke", cfg.Preset);
        Assert.Equal(5, ExperimentConfig.Load(Write(t, Base), "paper").Epochs);
    }

    [Fact]
    public void The_sweep_expands_every_rho_beta_and_seed_in_a_fixed_order()
    {
        using var t = new TempDir();
        var ids = ExperimentConfig.Load(Write(t, Base), "smoke").Runs().Select(r => r.Id).ToList();
        Assert.Equal(
        [
            "sgd_beta0_seed0", "sgd_beta0.9_seed0",
            "usam_rho0.1_beta0_seed0", "usam_rho0.1_beta0.9_seed0",
            "usam_rho0.2_beta0_seed0", "usam_rho0.2_beta0.9_seed0",
        ], ids);
        var run = ExperimentConfig.Load(Write(t, Base), "smoke").Runs()[3];
        Assert.Equal(Momentum.HeavyBall, run.Optimizer.Momentum);
        Assert.Equal(0.01, run.Optimizer.LearningRate);
    }

    [Fact]
    public void Bad_configs_fail_with_the_file_and_the_problem()
    {
        using var t = new TempDir();
        var p = Write(t, Base);
        Assert.Equal($"{p}: no preset 'huge' (available: smoke, paper)", Failure.Of(() => ExperimentConfig.Load(p, "huge")));

        var broken = Write(t, "{\n  \"figure\": \"f\",\n  \"epochs\": ,\n}");
        Assert.StartsWith(broken + ":3:13: invalid JSON (", Failure.Of(() => ExperimentConfig.Load(broken, "smoke")));

        var typo = Write(t, Base.Replace("\"epochs\": 5", "\"epochz\": 5"));
        Assert.StartsWith($"{typo} (preset smoke): ", Failure.Of(() => ExperimentConfig.Load(typo, "smoke")));
        Assert.Contains("'epochz'", Failure.Of(() => ExperimentConfig.Load(typo, "smoke")));

        var rule = Write(t, Base.Replace("\"usam\"", "\"usma\""));
        Assert.Equal($"{rule} (preset smoke): unknown optimizer rule 'usma' (known: sgd, sam, usam, usam2, hessian-usam, adam)", Failure.Of(() => ExperimentConfig.Load(rule, "smoke")));

        var momentum = Write(t, Base.Replace("\"epochs\": 5", "\"epochs\": 5, \"momentum\": \"heavy\""));
        Assert.Equal($"{momentum} (preset smoke): unknown momentum 'heavy' (known: none, heavy-ball, nesterov)", Failure.Of(() => ExperimentConfig.Load(momentum, "smoke")));

        var norho = Write(t, Base.Replace("\"rhos\": [0.1, 0.2]", "\"rhos\": []"));
        Assert.Equal($"{norho} (preset smoke): optimizer 'usam' needs a non-empty rhos list", Failure.Of(() => ExperimentConfig.Load(norho, "smoke")));
    }

    [Fact]
    public void A_run_fingerprint_spells_the_optimizer_as_result_files_already_on_disk_do()
    {
        // A finished run is reused only when its stored fingerprint matches this one, so the field
        // names and enum numbers below are a file format: renaming a C# member must not change them
        // (OptimizerKind.Usam is stored as 2 and Momentum.HeavyBall as 1 since the first sweeps).
        using var t = new TempDir();
        var cfg = ExperimentConfig.Load(Write(t, Base), "smoke");
        var run = cfg.Runs().Single(r => r.Id == "usam_rho0.1_beta0.9_seed0");
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(RunResult.FingerprintOf(cfg, run)), new JsonReaderOptions { AllowMultipleValues = true });
        var shared = JsonElement.ParseValue(ref reader);
        Assert.True(reader.Read()); // on to the second of the two concatenated objects
        var optimizer = JsonElement.ParseValue(ref reader);
        Assert.Equal(["dataset", "model", "epochs", "batchSize", "trainLimit", "testLimit", "threads", "dtype"], shared.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["rule", "learningRate", "rho", "momentum", "beta", "beta1", "beta2", "epsilon", "usesRho", "costPerStep"], optimizer.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, optimizer.GetProperty("rule").GetInt32());
        Assert.Equal(1, optimizer.GetProperty("momentum").GetInt32());
        Assert.Equal(0.1, optimizer.GetProperty("rho").GetDouble());
        Assert.Equal(OptimizerKind.Usam, run.Optimizer.Kind);
    }

    [Fact]
    public void Shards_partition_the_sweep()
    {
        using var t = new TempDir();
        var cfg = ExperimentConfig.Load(Write(t, Base), "smoke");
        var all = cfg.Runs().Select(r => r.Id).ToList();
        var parts = Enumerable.Range(0, 4).SelectMany(i => Sweep.ShardOf(cfg, i, 4).Select(r => r.Id)).ToList();
        Assert.Equal(all.Order(), parts.Order());
        Assert.Equal(all.Count, parts.Distinct().Count());
    }
}
