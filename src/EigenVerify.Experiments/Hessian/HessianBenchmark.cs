using System.Diagnostics;
using System.Globalization;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Hessian;

/// <summary>Timings of the Hessian machinery on the default MLP.</summary>
public sealed record HessianBenchmarkResult(
    string Model, long Parameters, int Examples, int Threads, double GradientSeconds, double HvpSeconds, double Ratio,
    double LanczosSeconds, int LanczosIterations, bool LanczosConverged, double LambdaMax);

/// <summary>
/// Benchmark of issue 8: time of one Hessian-vector product divided by the time of one gradient,
/// both of the mean loss over the same examples (target ≤ 3: double backward costs a forward and
/// two backward passes, one of them through a graph about twice as large), and the time of
/// Lanczos for the top 10 eigenvalues. The default MLP of the figures (784-256-256-10 ReLU,
/// float32) at its seeded initialisation, on the first N MNIST training images.
/// </summary>
public static class HessianBenchmark
{
    public static HessianBenchmarkResult Run(TensorData data, int examples, int threads, int repetitions, Action<string> log)
    {
        TorchRuntime.Seed(0, threads);
        var spec = new ModelSpec();
        using var model = spec.Build(data.ImageShape, 10, data.TrainX.device, ScalarType.Float32);
        model.eval();
        var n = Math.Min(examples, data.TrainCount);
        var loss = TrainingLoss.ForModel(model, data.TrainX.narrow(0, 0, n), data.TrainY.narrow(0, 0, n), 1000,
            (o, t) => nn.functional.cross_entropy(o, t), "MNIST");
        var v = ProbeVectors.Gaussian(loss.Dimension, new Generator(1), loss.Device);

        // Gradient and product are timed in alternation and compared pair by pair, so load from
        // other processes (which varies over seconds) affects both sides of each ratio alike.
        void Gradient() { using var g = loss.Gradient(); }
        void Product() { using var h = loss.HessianVectorProduct(v); }
        Gradient();
        Product(); // warm-up: allocator and kernels
        var gradientTimes = new double[repetitions];
        var productTimes = new double[repetitions];
        var ratios = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            Gradient();
            gradientTimes[i] = watch.Elapsed.TotalSeconds;
            watch.Restart();
            Product();
            productTimes[i] = watch.Elapsed.TotalSeconds;
            ratios[i] = productTimes[i] / gradientTimes[i];
        }
        static double Median(double[] xs) => xs.Order().ElementAt(xs.Length / 2);
        var gradient = Median(gradientTimes);
        var hvp = Median(productTimes);
        var ratio = Median(ratios);
        log(FormattableString.Invariant($"gradient {1000 * gradient:F1} ms, Hessian-vector product {1000 * hvp:F1} ms (medians of {repetitions}); HVP/gradient {ratio:F2} (median of the paired ratios, range {ratios.Min():F2}–{ratios.Max():F2})"));
        var clock = Stopwatch.StartNew();
        var lanczos = Lanczos.Extremes(loss.Hessian, 10, new LanczosOptions(100, 1e-3));
        var lanczosSeconds = clock.Elapsed.TotalSeconds;
        log(FormattableString.Invariant($"Lanczos top-10: {lanczosSeconds:F2} s, {lanczos.Iterations} iterations ({(lanczos.Converged ? "converged to 1e-3" : "cap reached")}), λ_max = {lanczos.Top(1)[0]:G5}"));
        return new HessianBenchmarkResult(spec.Describe(), loss.Dimension, (int)n, threads, gradient, hvp, ratio,
            lanczosSeconds, lanczos.Iterations, lanczos.Converged, lanczos.Top(1)[0]);
    }

    /// <summary>Command line of <c>scripts/eos/hessian-bench.fsx</c>:
    /// <c>[--examples N] [--threads N] [--repetitions N] [--data-dir DIR] [--cache-dir DIR]</c>.</summary>
    public static int Main(string[] args)
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
            var r = Run(data, examples, threads, repetitions, Console.WriteLine);
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
