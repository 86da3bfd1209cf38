using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Figures;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.Measurement;

/// <summary>
/// Measures a finished (or partly finished) sweep after the fact, from the weights each run
/// saved: the same measurement and filter check as <see cref="HessianHook.AfterRun"/>, without
/// retraining. Records are cached in <c>&lt;out&gt;/hessian/&lt;run&gt;.json</c> with the run's
/// fingerprint and the settings, so a restarted measurement redoes nothing. Adam's preconditioner
/// is not saved with the weights: Adam runs get λ but no μ check this way (the hook has it).
/// </summary>
public static class SweepMeasurement
{
    sealed record Cached(string Fingerprint, string Settings, HessianRecord Record);

    /// <summary>Measures every finished run of the sweep in <paramref name="opts"/> and writes the
    /// Hessian table and figures; returns the table (null when no run is finished).</summary>
    public static string? Measure(ExperimentConfig cfg, SweepOptions opts, IRegionSource regions, HessianSettings settings, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        var settingsKey = JsonSerializer.Serialize(settings, new JsonSerializerOptions(HessianRecord.Json) { WriteIndented = false });
        var cacheDir = Path.Combine(opts.OutDir, "hessian");
        var finished = cfg.Runs()
            .Select(run => (Run: run, Result: RunResult.TryRead(Sweep.RunPath(opts, run.Id))))
            .Where(x => x.Result is not null && x.Result.Fingerprint == RunResult.FingerprintOf(cfg, x.Run))
            .ToList();
        log($"{cfg.Figure} preset {cfg.Preset}: {finished.Count} of {cfg.Runs().Count} runs finished in {opts.RunsDir}; Hessian settings {settingsKey}");
        if (finished.Count == 0) return null;
        TorchRuntime.Seed(settings.Seed, cfg.Threads);
        var device = TorchRuntime.SelectDevice(cfg.Device);
        using var data = DatasetLoader.Load(new DataOptions(cfg.Dataset, opts.DataDir, opts.CacheDir, cfg.TrainLimit, cfg.TestLimit), device, Trainer.ParseDtype(cfg.Dtype), log);
        var stochastic = cfg.BatchSize < data.TrainCount;
        var results = new List<RunResult>();
        foreach (var (run, result) in finished)
        {
            var path = Path.Combine(cacheDir, run.Id + ".json");
            HessianRecord? record = null;
            if (File.Exists(path))
            {
                try
                {
                    var c = JsonSerializer.Deserialize<Cached>(File.ReadAllText(path), HessianRecord.Json);
                    if (c is not null && c.Fingerprint == result!.Fingerprint && c.Settings == settingsKey) record = c.Record;
                }
                catch (JsonException)
                {
                    // A half-written cache file: measure again.
                }
            }
            if (record is null)
            {
                using var model = Sweep.LoadModel(cfg, opts, run, data.ImageShape, device)
                    ?? throw new ExperimentException($"{Sweep.WeightsPath(opts, run.Id)}: weights of finished run {run.Id} are missing");
                record = HessianHook.Measure(run.Id, model, run.Optimizer, null, data, result!.TrainLoss, stochastic, settings, regions, log, cfg.BatchSize);
                Directory.CreateDirectory(cacheDir);
                AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Cached(result.Fingerprint, settingsKey, record), HessianRecord.Json));
            }
            else
            {
                log($"  {run.Id}: measured before (cached in {path})");
                if (record.Filter is { } f) foreach (var line in f.Lines) log("  " + line);
            }
            var extras = new Dictionary<string, JsonNode?>(result!.Extras) { [HessianHook.ExtraKey] = record.ToJson() };
            results.Add(result with { Extras = extras });
        }
        var table = HessianFigures.Write(Summary.Build(cfg, results), results, opts.OutDir, log);
        log($"Hessian measurements of {results.Count} runs in {clock.Elapsed.TotalSeconds:F0} s");
        return table;
    }
}
