using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// The figure scripts (<c>scripts/figure1-mnist.fsx</c> and its siblings): run a figure's sweep,
/// measure each run's Hessian and place it in the optimizer's exact region, or list or merge the
/// sweep's runs.
/// </summary>
public static class FigureSweepTool
{
    public static readonly CommandLine CommandLine = new(
        "dotnet fsi scripts/figureN-….fsx -- [options]",
        "Runs a figure's sweep (scripts/experiments/figureN.json), resuming finished runs, and writes its summary.",
        ToolOption.Single("--preset", "smoke|small|paper", "the config's preset (default smoke)"),
        ToolOption.Single("--device", "cpu|cuda|cuda:N", "where to train (default: the config's device)"),
        ToolOption.Threads,
        ToolOption.DataDir,
        ToolOption.CacheDir,
        ToolOption.Single("--out", "DIR", "results folder (default results/<figure>/<preset>)"),
        ToolOption.Single("--shard", "i/N", "run only the runs k with k mod N = i (0 ≤ i < N)"),
        ToolOption.Several("--merge", "DIR", "combine shard folders into --out, then summarise"),
        ToolOption.Single("--runs", "ID,...", "train only these runs of the sweep (ids as --list prints them)"),
        ToolOption.Flag("--list", "print the runs of the sweep (or of the shard) and stop"));

    public static int Run(string configPath, string[] args) => Run(configPath, args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string configPath, string[] args, Action<string> log, Action<string> error) =>
        ToolRunner.Run(CommandLine, args, log, error, a =>
        {
            var shard = a.Shard("--shard");
            var threads = a.PositiveInt("--threads");
            TorchRuntime.Preload();
            var cfg = ExperimentConfig.Load(configPath, a.Value("--preset", "smoke"));
            var opts = new SweepOptions(
                a.Value("--out") ?? Path.Combine("results", cfg.Figure, cfg.Preset), a.Value("--data-dir"),
                a.Value("--cache-dir", ToolOption.DefaultCacheDir), a.Value("--device"), shard.Index, shard.Count, threads)
            {
                OnlyRuns = a.Value("--runs")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            };
            // an id outside the sweep is a bad argument (exit 2), refused before any data is loaded
            if (opts.OnlyRuns is not null)
            {
                try { Sweep.Selected(cfg, shard.Index, shard.Count, opts.OnlyRuns); }
                catch (ExperimentException e) { throw new UsageException(e.Message); }
            }
            if (a.Has("--list"))
            {
                foreach (var r in Sweep.Selected(cfg, shard.Index, shard.Count, opts.OnlyRuns)) log(r.Id);
                return 0;
            }
            if (a.Has("--merge")) return Sweep.Merge(cfg, opts, a.Values("--merge"), log) ? 0 : 1;
            // After each run: measure its Hessian and place λ_max in the optimizer's exact region.
            Sweep.Run(cfg, opts, log, afterRun: HessianHook.AfterRun(cfg, new CoreRegionSource(), log));
            return 0;
        });
}
