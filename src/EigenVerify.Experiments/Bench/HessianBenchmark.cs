using System.Diagnostics;
using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Models;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Bench;

/// <summary>
/// Benchmark of the Hessian measurements: time of one Hessian-vector product divided by the time
/// of one gradient, both of the mean loss over the same examples (target ≤ 3: double backward
/// costs a forward and two backward passes, one of them through a graph about twice as large),
/// and the time of Lanczos for the top 10 eigenvalues. The default MLP of the figures (784-256-256-10 ReLU,
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
}
