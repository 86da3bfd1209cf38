using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;

namespace EigenVerify.Experiments.Tools;

/// <summary>The command line of <c>scripts/eos/measure-sweep.fsx</c> (see <see cref="SweepMeasurement"/>).</summary>
public static class SweepMeasurementTool
{
    public static int Run(string repositoryRoot, string[] args)
    {
        string? figure = null, outDir = null, device = null;
        string preset = "smoke";
        int? threads = null;
        var a = new ToolArguments(args);
        try
        {
            while (a.Next(out var option))
            {
                if (a.Data(option)) continue;
                switch (option)
                {
                    case "--figure": figure = a.Value(); break;
                    case "--preset": preset = a.Value(); break;
                    case "--out": outDir = a.Value(); break;
                    case "--device": device = a.Value(); break;
                    case "--threads": threads = a.Positive(); break;
                    case "--help" or "-h": throw new UsageException(Usage);
                    default: throw new UsageException($"unknown argument '{option}'; {Usage}");
                }
            }
            if (figure is null) throw new UsageException($"--figure is required; {Usage}");
            var config = Path.Combine(repositoryRoot, "scripts", "experiments", figure + ".json");
            var cfg = ExperimentConfig.Load(config, preset);
            cfg = cfg with { Device = device ?? cfg.Device, Threads = threads ?? cfg.Threads };
            var opts = new SweepOptions(outDir ?? Path.Combine("results", cfg.Figure, cfg.Preset), a.DataDir, a.CacheDir, cfg.Device);
            SweepMeasurement.Measure(cfg, opts, CliRegionSource.Locate(repositoryRoot), HessianSettings.ForPreset(preset), Console.WriteLine);
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

    const string Usage = "options: --figure figure1|figure2|figure3 (required), --preset smoke|small|paper (default smoke), --out DIR (default results/<figure>/<preset>), --data-dir DIR, --cache-dir DIR, --device cpu|cuda, --threads N";
}
