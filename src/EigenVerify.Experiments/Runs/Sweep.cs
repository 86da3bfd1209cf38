using System.Diagnostics;
using EigenVerify.Experiments.Data;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Runs;

/// <summary>
/// Runs a figure's sweep: every (optimizer, ρ, β, seed), skipping runs whose result file already
/// exists with the same fingerprint, so a killed sweep restarted with the same command loses only
/// the run in progress. Each result is written atomically (weights first, then the JSON that
/// marks the run finished). With shards, run k goes to shard k mod N.
/// </summary>
public static class Sweep
{
    public static string RunPath(SweepOptions o, string id) => Path.Combine(o.RunsDir, id + ".json");
    public static string WeightsPath(SweepOptions o, string id) => Path.Combine(o.RunsDir, id + ".weights");

    public static IReadOnlyList<RunSpec> ShardOf(ExperimentConfig cfg, int index, int count) =>
        cfg.Runs().Where((_, k) => k % count == index).ToList();

    /// <summary>The runs of this shard, restricted to <paramref name="only"/> when given; an id that
    /// is not a run of the sweep is refused, naming the sweep's runs.</summary>
    public static IReadOnlyList<RunSpec> Selected(ExperimentConfig cfg, int index, int count, IReadOnlyList<string>? only)
    {
        var shard = ShardOf(cfg, index, count);
        if (only is null) return shard;
        var ids = cfg.Runs().Select(r => r.Id).ToHashSet();
        var unknown = only.Where(id => !ids.Contains(id)).ToList();
        if (unknown.Count > 0)
            throw new ExperimentException($"--runs: {string.Join(", ", unknown)} not in the {cfg.Figure} sweep (its runs: {string.Join(", ", cfg.Runs().Select(r => r.Id))})");
        return shard.Where(r => only.Contains(r.Id)).ToList();
    }

    /// <summary>
    /// Runs this shard's missing runs, then writes the summary if the whole sweep is present.
    /// <paramref name="afterRun"/> sees each trained run before its result is written (it may add Extras).
    /// </summary>
    public static bool Run(ExperimentConfig rawCfg, SweepOptions o, Action<string> log,
        Func<TrainedRun, RunResult, RunResult>? afterRun = null, CancellationToken cancel = default)
    {
        var cfg = rawCfg with { Device = o.Device ?? rawCfg.Device, Threads = o.Threads ?? rawCfg.Threads };
        if (o.ShardCount < 1 || o.ShardIndex < 0 || o.ShardIndex >= o.ShardCount)
            throw new ExperimentException($"--shard {o.ShardIndex}/{o.ShardCount}: expected i/N with 0 ≤ i < N");
        var mine = Selected(cfg, o.ShardIndex, o.ShardCount, o.OnlyRuns);
        var todo = mine.Where(r => !IsDone(cfg, o, r)).ToList();
        var selection = o.OnlyRuns is null ? $"{mine.Count} in shard {o.ShardIndex}/{o.ShardCount}" : $"{mine.Count} selected by --runs";
        log($"{cfg.Figure} preset {cfg.Preset}: {cfg.Runs().Count} runs in the sweep, {selection}, {mine.Count - todo.Count} already done, {todo.Count} to run → {o.OutDir}");
        if (todo.Count > 0)
        {
            var device = TorchRuntime.SelectDevice(cfg.Device);
            using var data = DatasetLoader.Load(new DataOptions(cfg.Dataset, o.DataDir, o.CacheDir, cfg.TrainLimit, cfg.TestLimit), device, Trainer.ParseDtype(cfg.Dtype), log);
            log($"data {cfg.Dataset}: {data.TrainCount} train / {data.TestCount} test images; model {cfg.Model.Describe()}; device {cfg.Device}, {cfg.Threads} threads");
            var eta = new Eta(todo.Sum(r => (double)cfg.Epochs * r.Optimizer.CostPerStep));
            for (int k = 0; k < todo.Count; k++)
            {
                var run = todo[k];
                var clock = Stopwatch.StartNew();
                int label = k + 1;
                using var trained = Trainer.Train(cfg, run, data, device, p =>
                {
                    eta.Done(run.Optimizer.CostPerStep, p.Metrics.Seconds);
                    log($"[run {label}/{todo.Count}] {run.Id} epoch {p.Metrics.Epoch}/{p.Epochs}  loss {p.Metrics.TrainLoss:F4}  train {100 * p.Metrics.TrainAccuracy:F1}%  test {100 * p.Metrics.TestAccuracy:F1}%  ({p.Metrics.Seconds:F1} s/epoch, ETA {eta.Remaining()})");
                }, cancel);
                var result = RunResult.OfSpec(cfg, run, data.TrainCount, data.TestCount, trained.History, clock.Elapsed.TotalSeconds);
                if (afterRun != null) result = afterRun(trained, result);
                Directory.CreateDirectory(o.RunsDir);
                AtomicFile.Write(WeightsPath(o, run.Id), tmp => trained.Model.save(tmp));
                AtomicFile.WriteAllText(RunPath(o, run.Id), result.ToJson());
            }
        }
        return Summarize(cfg, o, log);
    }

    /// <summary>
    /// Rebuilds a finished run's model from its saved weights (for measurements after the sweep);
    /// null when the run has no weights file yet.
    /// </summary>
    public static TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>? LoadModel(ExperimentConfig cfg, SweepOptions o, RunSpec run, long[] imageShape, Device device)
    {
        var path = WeightsPath(o, run.Id);
        if (!File.Exists(path)) return null;
        var model = cfg.Model.Build(imageShape, Trainer.Classes, device, Trainer.ParseDtype(cfg.Dtype));
        model.load(path);
        return model;
    }

    static bool IsDone(ExperimentConfig cfg, SweepOptions o, RunSpec run)
    {
        var r = RunResult.TryRead(RunPath(o, run.Id));
        return r != null && r.Fingerprint == RunResult.FingerprintOf(cfg, run);
    }

    /// <summary>Writes summary files when every run is present; otherwise says how many are missing.</summary>
    public static bool Summarize(ExperimentConfig cfg, SweepOptions o, Action<string> log)
    {
        var all = cfg.Runs();
        var missing = all.Where(r => !IsDone(cfg, o, r)).ToList();
        if (missing.Count > 0)
        {
            log($"{missing.Count} of {all.Count} runs not in {o.RunsDir} yet (other shards?); summary not written. Merge shards with --merge.");
            return false;
        }
        var results = all.Select(r => RunResult.TryRead(RunPath(o, r.Id))!).ToList();
        var summary = Summary.Build(cfg, results);
        ResultWriter.Write(cfg, summary, results, o.OutDir);
        Figures.HessianFigures.Write(summary, results, o.OutDir, log);
        log(Summary.Table(summary));
        log($"wrote {Path.Combine(o.OutDir, "summary.json")}, summary.csv, runs.csv, accuracy.png, curves.png");
        return true;
    }

    /// <summary>
    /// Copies the finished runs of shard folders into <c>o.OutDir</c>, refusing runs made with other
    /// settings or disagreeing with a run already there, then summarises.
    /// </summary>
    public static bool Merge(ExperimentConfig cfg, SweepOptions o, IEnumerable<string> shardDirs, Action<string> log)
    {
        var expected = cfg.Runs().ToDictionary(r => r.Id);
        Directory.CreateDirectory(o.RunsDir);
        foreach (var dir in shardDirs)
        {
            var runs = Path.Combine(dir, "runs");
            if (!Directory.Exists(runs)) throw new ExperimentException($"{runs}: no runs folder to merge");
            int copied = 0;
            foreach (var file in Directory.GetFiles(runs, "*.json").Order(StringComparer.Ordinal))
            {
                var r = RunResult.TryRead(file) ?? throw new ExperimentException($"{file}: unreadable run result");
                if (!expected.TryGetValue(r.Id, out var spec)) throw new ExperimentException($"{file}: run {r.Id} is not part of {cfg.Figure} preset {cfg.Preset}");
                if (r.Fingerprint != RunResult.FingerprintOf(cfg, spec)) throw new ExperimentException($"{file}: run {r.Id} was made with different settings than {cfg.Figure} preset {cfg.Preset}");
                var target = RunPath(o, r.Id);
                if (Path.GetFullPath(target) == Path.GetFullPath(file)) continue;
                var existing = RunResult.TryRead(target);
                if (existing != null)
                {
                    if (!existing.SameOutcomeAs(r)) throw new ExperimentException($"{file}: run {r.Id} disagrees with {target}");
                    continue;
                }
                var weights = Path.ChangeExtension(file, ".weights");
                if (File.Exists(weights)) AtomicFile.WriteAllBytes(WeightsPath(o, r.Id), File.ReadAllBytes(weights));
                AtomicFile.WriteAllText(target, r.ToJson());
                copied++;
            }
            log($"merged {copied} runs from {dir}");
        }
        return Summarize(cfg, o, log);
    }

    sealed class Eta(double totalUnits)
    {
        double done, seconds;
        public void Done(double units, double s) { done += units; seconds += s; }
        public string Remaining()
        {
            if (done == 0) return "?";
            var t = TimeSpan.FromSeconds(Math.Max(0, totalUnits - done) * seconds / done);
            return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : $"{t.Minutes}m{t.Seconds:D2}s";
        }
    }
}
