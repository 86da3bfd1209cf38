using System.Globalization;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.EdgeOfStability;
using EigenVerify.Experiments.Figures;
using EigenVerify.Experiments.Regions;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// The command line of <c>scripts/edge-of-stability.fsx</c> (see <see cref="EosExperiment"/>):
/// trains, writes eos.png, eos.csv and eos.json, and prints the final ratio of each optimizer's
/// top eigenvalue to the upper end of its exact region.
/// </summary>
public static class EdgeOfStabilityTool
{
    public static readonly CommandLine CommandLine = new(
        "dotnet fsi scripts/edge-of-stability.fsx -- [options]",
        "Full-batch GD, heavy ball and Adam on MNIST images; the top Hessian eigenvalue over training against each optimizer's exact region.",
        ToolOption.Single("--preset", "smoke|small", "our settings (default smoke)"),
        ToolOption.Single("--out", "DIR", "results folder (default results/edge-of-stability/<preset>)"),
        ToolOption.DataDir,
        ToolOption.CacheDir,
        ToolOption.Single("--threads", "N", "intra-op threads (default 2)"),
        ToolOption.Flag("--no-core", "train and measure without asking the core for regions: no bounds"));

    public static int Run(string repositoryRoot, string[] args) => Run(repositoryRoot, args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string repositoryRoot, string[] args, Action<string> log, Action<string> error) =>
        ToolRunner.Run(CommandLine, args, log, error, a =>
        {
            var preset = a.Choice("--preset", "smoke", "smoke", "small");
            var settings = EosSettings.ForPreset(preset);
            if (a.PositiveInt("--threads") is { } threads) settings = settings with { Threads = threads };
            var outDir = a.Value("--out") ?? Path.Combine("results", "edge-of-stability", preset);
            var regions = a.Has("--no-core") ? null : new CoreRegionSource();
            TorchRuntime.Preload();
            TorchRuntime.Seed(settings.Seed, settings.Threads);
            log($"edge of stability, preset {preset}: MLP {string.Join('-', settings.Hidden)} {settings.Activation}, first {settings.Examples} MNIST training images, full batch");
            var data = new DataOptions("mnist", a.Value("--data-dir"), a.Value("--cache-dir", ToolOption.DefaultCacheDir), settings.Examples, 100);
            using var tensors = DatasetLoader.Load(data, CPU, ScalarType.Float32, log);
            var runs = EosExperiment.Run(settings, tensors, regions, log);
            EosFigures.Write(settings, runs, outDir);
            log("");
            log("final top eigenvalue / bound:");
            foreach (var r in runs)
            {
                var last = r.Points[^1];
                var inMu = r.Variable == "mu";
                var value = inMu ? last.MuMax ?? double.NaN : last.LambdaMax;
                var bound = r.Bound is { } b ? b.ToString("G6", CultureInfo.InvariantCulture) : "none";
                var ratio = r.FinalRatio is { } q ? q.ToString("F3", CultureInfo.InvariantCulture) : "none";
                log(FormattableString.Invariant($"  {r.Optimizer,-28} {(inMu ? "μ_max" : "λ_max")} = {value,10:G5}  bound = {bound,10}  ratio = {ratio}  (step {last.Step})"));
            }
            log($"wrote {Path.Combine(outDir, "eos.png")}, eos.csv, eos.json");
            return 0;
        });
}
