using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.Tools;

/// <summary>The command line of <c>scripts/eos/measure-sweep.fsx</c> (see <see cref="SweepMeasurement"/>).</summary>
public static class SweepMeasurementTool
{
    public static readonly CommandLine CommandLine = new(
        "dotnet fsi scripts/eos/measure-sweep.fsx -- --figure figureN [options]",
        "Measures the Hessian of every finished run of a figure's sweep from its saved weights and places it in its exact region.",
        ToolOption.Single("--figure", "figure1|figure2|figure3", "the sweep's config, scripts/experiments/<figure>.json (required)"),
        ToolOption.Single("--preset", "smoke|small|paper", "the config's preset (default smoke)"),
        ToolOption.Single("--out", "DIR", "the sweep's results folder (default results/<figure>/<preset>)"),
        ToolOption.DataDir,
        ToolOption.CacheDir,
        ToolOption.Single("--device", "cpu|cuda|cuda:N", "where to measure (default: the config's device)"),
        ToolOption.Threads);

    public static int Run(string repositoryRoot, string[] args) => Run(repositoryRoot, args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string repositoryRoot, string[] args, Action<string> log, Action<string> error) =>
        ToolRunner.Run(CommandLine, args, log, error, a =>
        {
            var figure = a.Required("--figure");
            var preset = a.Value("--preset", "smoke");
            var threads = a.PositiveInt("--threads");
            var config = Path.Combine(repositoryRoot, "scripts", "experiments", figure + ".json");
            var cfg = ExperimentConfig.Load(config, preset);
            cfg = cfg with { Device = a.Value("--device") ?? cfg.Device, Threads = threads ?? cfg.Threads };
            var opts = new SweepOptions(a.Value("--out") ?? Path.Combine("results", cfg.Figure, cfg.Preset), a.Value("--data-dir"),
                a.Value("--cache-dir", ToolOption.DefaultCacheDir), cfg.Device);
            SweepMeasurement.Measure(cfg, opts, new CoreRegionSource(), HessianSettings.ForPreset(preset), log);
            return 0;
        });
}
