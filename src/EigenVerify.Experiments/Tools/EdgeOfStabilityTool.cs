using System.Globalization;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.EdgeOfStability;
using EigenVerify.Experiments.Figures;
using EigenVerify.Experiments.Regions;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// Command line of <c>scripts/edge-of-stability.fsx</c>:
/// <c>[--preset smoke|small] [--out DIR] [--data-dir DIR] [--cache-dir DIR] [--threads N] [--no-core]</c>.
/// Prints the final ratio of each optimizer's top eigenvalue to its bound. Exit 0 on success,
/// 1 on a failed run, 2 on bad arguments; errors are one line.
/// </summary>
public static class EdgeOfStabilityTool
{
    const string Usage = "options: --preset smoke|small (default smoke), --out DIR (default results/edge-of-stability/<preset>), --data-dir DIR, --cache-dir DIR (default .cache), --threads N, --no-core (train and measure without asking the core: no bounds)";

    public static int Run(string repositoryRoot, string[] args)
    {
        string preset = "smoke";
        string? outDir = null;
        int? threads = null;
        var useCore = true;
        var a = new ToolArguments(args);
        try
        {
            while (a.Next(out var option))
            {
                if (a.Data(option)) continue;
                switch (option)
                {
                    case "--preset": preset = a.Value(); break;
                    case "--out": outDir = a.Value(); break;
                    case "--threads": threads = a.Positive(); break;
                    case "--no-core": useCore = false; break;
                    case "--help" or "-h": throw new UsageException(Usage);
                    default: throw new UsageException($"unknown argument '{option}'; {Usage}");
                }
            }
            if (preset is not ("smoke" or "small")) throw new UsageException($"--preset {preset}: expected smoke or small");
            var settings = EosSettings.ForPreset(preset);
            if (threads is { } th) settings = settings with { Threads = th };
            outDir ??= Path.Combine("results", "edge-of-stability", preset);
            TorchRuntime.Preload();
            TorchRuntime.Seed(settings.Seed, settings.Threads);
            Console.WriteLine($"edge of stability, preset {preset}: MLP {string.Join('-', settings.Hidden)} {settings.Activation}, first {settings.Examples} MNIST training images, full batch");
            using var data = DatasetLoader.Load(new DataOptions("mnist", a.DataDir, a.CacheDir, settings.Examples, 100), CPU, ScalarType.Float32, Console.WriteLine);
            var regions = useCore ? CliRegionSource.Locate(repositoryRoot) : null;
            var runs = EosExperiment.Run(settings, data, regions, Console.WriteLine);
            EosFigures.Write(settings, runs, outDir);
            Console.WriteLine();
            Console.WriteLine("final top eigenvalue / bound:");
            foreach (var r in runs)
            {
                var last = r.Points[^1];
                var value = r.Variable == "mu" ? last.MuMax ?? double.NaN : last.LambdaMax;
                Console.WriteLine(FormattableString.Invariant($"  {r.Optimizer,-28} {(r.Variable == "mu" ? "μ_max" : "λ_max")} = {value,10:G5}  bound = {(r.Bound is { } b ? b.ToString("G6", CultureInfo.InvariantCulture) : "none"),10}  ratio = {(r.FinalRatio is { } q ? q.ToString("F3", CultureInfo.InvariantCulture) : "none")}  (step {last.Step})"));
            }
            Console.WriteLine($"wrote {Path.Combine(outDir, "eos.png")}, eos.csv, eos.json");
            return 0;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (ExperimentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
