using EigenVerify.Experiments.Bench;
using EigenVerify.Experiments.Data;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tools;

/// <summary>The command line of the Hessian benchmark (see <see cref="HessianBenchmark"/>).</summary>
public static class HessianBenchmarkTool
{
    /// <summary>Command line of <c>scripts/eos/hessian-bench.fsx</c>:
    /// <c>[--examples N] [--threads N] [--repetitions N] [--data-dir DIR] [--cache-dir DIR]</c>.</summary>
    public static int Run(string[] args)
    {
        int examples = 1000, threads = 2, repetitions = 10;
        var a = new ToolArguments(args);
        try
        {
            while (a.Next(out var option))
            {
                if (a.Data(option)) continue;
                switch (option)
                {
                    case "--examples": examples = a.Positive(); break;
                    case "--threads": threads = a.Positive(); break;
                    case "--repetitions": repetitions = a.Positive(); break;
                    default: throw new UsageException($"unknown argument '{option}' (options: --examples N, --threads N, --repetitions N, --data-dir DIR, --cache-dir DIR)");
                }
            }
            TorchRuntime.Preload();
            using var data = DatasetLoader.Load(new DataOptions("mnist", a.DataDir, a.CacheDir, examples, 100), CPU, ScalarType.Float32, Console.WriteLine);
            Console.WriteLine($"Hessian benchmark: default MLP, first {Math.Min(examples, data.TrainCount)} MNIST images, {threads} threads");
            var r = HessianBenchmark.Run(data, examples, threads, repetitions, Console.WriteLine);
            Console.WriteLine(FormattableString.Invariant($"| {r.Model} | {r.Parameters} params | {r.Examples} images | gradient {1000 * r.GradientSeconds:F1} ms | HVP {1000 * r.HvpSeconds:F1} ms | HVP/gradient {r.Ratio:F2} | Lanczos top-10 {r.LanczosSeconds:F2} s ({r.LanczosIterations} it.) |"));
            return 0;
        }
        catch (Exception e) when (e is UsageException or ExperimentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
