using EigenVerify.Experiments.Bench;
using EigenVerify.Experiments.Data;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tools;

/// <summary>The command line of <c>scripts/eos/hessian-bench.fsx</c> (see <see cref="HessianBenchmark"/>).</summary>
public static class HessianBenchmarkTool
{
    public static readonly CommandLine CommandLine = new(
        "dotnet fsi scripts/eos/hessian-bench.fsx -- [options]",
        "Times a Hessian-vector product against a gradient, and Lanczos for the top 10 eigenvalues, on the default MLP.",
        ToolOption.Single("--examples", "N", "the first N MNIST training images (default 1000)"),
        ToolOption.Single("--threads", "N", "intra-op threads (default 2)"),
        ToolOption.Single("--repetitions", "N", "timed gradient/product pairs (default 10)"),
        ToolOption.DataDir,
        ToolOption.CacheDir);

    public static int Run(string[] args) => Run(args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string[] args, Action<string> log, Action<string> error) =>
        ToolRunner.Run(CommandLine, args, log, error, a =>
        {
            var examples = a.PositiveInt("--examples", 1000);
            var threads = a.PositiveInt("--threads", 2);
            var repetitions = a.PositiveInt("--repetitions", 10);
            TorchRuntime.Preload();
            using var data = DatasetLoader.Load(new DataOptions("mnist", a.Value("--data-dir"), a.Value("--cache-dir", ToolOption.DefaultCacheDir), examples, 100), CPU, ScalarType.Float32, log);
            log($"Hessian benchmark: default MLP, first {Math.Min(examples, data.TrainCount)} MNIST images, {threads} threads");
            var r = HessianBenchmark.Run(data, examples, threads, repetitions, log);
            log(FormattableString.Invariant($"| {r.Model} | {r.Parameters} params | {r.Examples} images | gradient {1000 * r.GradientSeconds:F1} ms | HVP {1000 * r.HvpSeconds:F1} ms | HVP/gradient {r.Ratio:F2} | Lanczos top-10 {r.LanczosSeconds:F2} s ({r.LanczosIterations} it.) |"));
            return 0;
        });
}
