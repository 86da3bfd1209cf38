using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// The command line shared by the figure scripts:
/// <c>dotnet fsi scripts/figure1-mnist.fsx -- [--preset smoke|small|paper] [--device cpu|cuda]
/// [--threads N] [--data-dir DIR] [--cache-dir DIR] [--out DIR] [--shard i/N] [--merge DIR...] [--list]</c>.
/// Problems are printed as one line starting with "error:"; the exit code is 0 on success, 1 on a
/// failed run, 2 on bad arguments.
/// </summary>
public static class FigureSweepTool
{
    public const string Usage =
        "options: --preset smoke|small|paper (default smoke)  --device cpu|cuda  --threads N\n" +
        "         --data-dir DIR (standard IDX / CIFAR binary files)  --cache-dir DIR (default .cache)\n" +
        "         --out DIR (default results/<figure>/<preset>)  --shard i/N (0 ≤ i < N)\n" +
        "         --merge DIR... (combine shard folders into --out, then summarise)  --list (print the runs)";

    public static int Run(string configPath, string[] args) => Run(configPath, args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string configPath, string[] args, Action<string> log, Action<string> error)
    {
        try
        {
            TorchRuntime.Preload();
            var a = Parse(args);
            var cfg = ExperimentConfig.Load(configPath, a.Preset);
            var opts = new SweepOptions(
                a.Out ?? Path.Combine("results", cfg.Figure, cfg.Preset), a.DataDir, a.CacheDir ?? ".cache",
                a.Device, a.Shard.Index, a.Shard.Count, a.Threads);
            if (a.List)
            {
                foreach (var r in Sweep.ShardOf(cfg, a.Shard.Index, a.Shard.Count)) log(r.Id);
                return 0;
            }
            if (a.Merge.Count > 0) return Sweep.Merge(cfg, opts, a.Merge, log) ? 0 : 1;
            // After each run: measure its Hessian and place λ_max in the optimizer's exact region.
            var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, "..", ".."));
            Sweep.Run(cfg, opts, log, afterRun: HessianHook.AfterRun(cfg, CliRegionSource.Locate(root), log));
            return 0;
        }
        catch (UsageException e)
        {
            error($"error: {e.Message}");
            error(Usage);
            return 2;
        }
        catch (ExperimentException e)
        {
            error($"error: {e.Message}");
            return 1;
        }
    }

    sealed record Args(string Preset, string? Device, int? Threads, string? DataDir, string? CacheDir, string? Out, (int Index, int Count) Shard, List<string> Merge, bool List);

    static Args Parse(string[] argv)
    {
        var a = new Args("smoke", null, null, null, null, null, (0, 1), [], false);
        for (int i = 0; i < argv.Length; i++)
        {
            string Value()
            {
                if (i + 1 >= argv.Length || argv[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"{argv[i]} needs a value");
                return argv[++i];
            }
            switch (argv[i])
            {
                case "--": break;
                case "--preset": a = a with { Preset = Value() }; break;
                case "--device": a = a with { Device = Value() }; break;
                case "--threads":
                    var t = Value();
                    a = a with { Threads = int.TryParse(t, out var n) && n > 0 ? n : throw new UsageException($"--threads {t}: expected a positive integer") };
                    break;
                case "--data-dir": a = a with { DataDir = Value() }; break;
                case "--cache-dir": a = a with { CacheDir = Value() }; break;
                case "--out": a = a with { Out = Value() }; break;
                case "--shard": a = a with { Shard = ParseShard(Value()) }; break;
                case "--list": a = a with { List = true }; break;
                case "--merge":
                    while (i + 1 < argv.Length && !argv[i + 1].StartsWith("--", StringComparison.Ordinal)) a.Merge.Add(argv[++i]);
                    if (a.Merge.Count == 0) throw new UsageException("--merge needs at least one shard folder");
                    break;
                case "--help" or "-h": throw new UsageException("help requested");
                default: throw new UsageException($"unknown argument '{argv[i]}'");
            }
        }
        return a;
    }

    public static (int Index, int Count) ParseShard(string s)
    {
        var parts = s.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var i) && int.TryParse(parts[1], out var n) && n >= 1 && i >= 0 && i < n)
            return (i, n);
        throw new UsageException($"--shard {s}: expected i/N with 0 ≤ i < N, e.g. 0/4 (Slurm: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
    }
}
