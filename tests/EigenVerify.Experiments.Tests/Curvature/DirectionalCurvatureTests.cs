using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Curvature;

/// <summary>Per-sample curvatures aᵢ = vᵀHᵢv on models whose per-sample Hessians are explicit.</summary>
public class DirectionalCurvatureTests
{
    public DirectionalCurvatureTests() => TorchRuntime.Preload();

    /// <summary>Five inputs in ℝ³ with dyadic entries (exact in binary), and their targets.</summary>
    static readonly double[,] X = { { 1, 0.5, -2 }, { 0.25, 1, 1 }, { -1, 2, 0.5 }, { 3, -0.5, 0 }, { 0, 0, 1.5 } };
    static readonly double[] Y = [1, -0.5, 2, 0, 0.75];

    [Fact]
    public void Least_squares_curvatures_are_twice_the_squared_projection_of_each_input()
    {
        // ℓᵢ(w) = (wᵀxᵢ − yᵢ)² (mean squared error of a batch of one): Hᵢ = 2xᵢxᵢᵀ whatever w
        // is, so aᵢ = 2(vᵀxᵢ)² by hand.
        var model = nn.Linear(3, 1, hasBias: false);
        model.to(ScalarType.Float64);
        using (no_grad()) model.weight!.copy_(tensor(new[] { 0.3, -0.7, 1.1 }, dtype: ScalarType.Float64).reshape(1, 3));
        var inputs = tensor(X.Cast<double>().ToArray(), [5, 3], dtype: ScalarType.Float64);
        var targets = tensor(Y, [5, 1], dtype: ScalarType.Float64);
        double[] v = [1.0 / 3, 2.0 / 3, -2.0 / 3];
        var direction = tensor(v, dtype: ScalarType.Float64);

        var a = DirectionalCurvatures.PerSample(model, inputs, targets, direction, (o, t) => nn.functional.mse_loss(o, t));

        Assert.Equal(5, a.Length);
        for (var i = 0; i < 5; i++)
        {
            var projection = v[0] * X[i, 0] + v[1] * X[i, 1] + v[2] * X[i, 2];
            var expected = 2 * projection * projection;
            // Double backward of a quadratic is a handful of float64 products and sums of O(10)
            // numbers: rounding ≈ 1e-15; 1e-12 leaves three orders of margin.
            Assert.True(Math.Abs(a[i] - expected) <= 1e-12 * Math.Max(1, expected), $"a[{i}] = {a[i]}, by hand {expected}");
        }
        // Along e₁, aᵢ = 2xᵢ₁²: every number involved is dyadic, so the products are exact in binary.
        var e1 = DirectionalCurvatures.PerSample(model, inputs, targets, tensor(new[] { 1.0, 0, 0 }, dtype: ScalarType.Float64),
            (o, t) => nn.functional.mse_loss(o, t));
        Assert.Equal([2.0, 0.125, 2.0, 18.0, 0.0], e1);
    }

    [Fact]
    public void The_spectrum_measurement_gives_each_examples_curvature_along_the_top_eigenvector_of_the_explicit_Hessian()
    {
        // Softmax regression z = Wx (3 classes, 3 inputs, no bias) with cross-entropy: the Hessian
        // of one example in W (row-major) is (diag(p) − ppᵀ) ⊗ xxᵀ with p = softmax(Wx), by hand.
        var model = nn.Linear(3, 3, hasBias: false);
        model.to(ScalarType.Float64);
        double[] w = [0.5, -1, 0.25, 1, 0.5, -0.5, -0.25, 0.75, 1];
        using (no_grad()) model.weight!.copy_(tensor(w, [3, 3], dtype: ScalarType.Float64));
        var inputs = tensor(X.Cast<double>().ToArray(), [5, 3], dtype: ScalarType.Float64);
        var targets = tensor(new long[] { 0, 2, 1, 1, 0 }, dtype: ScalarType.Int64);
        var perSample = Enumerable.Range(0, 5).Select(i => SoftmaxHessian(w, [X[i, 0], X[i, 1], X[i, 2]])).ToArray();
        var mean = new double[9, 9];
        foreach (var h in perSample)
            for (var r = 0; r < 9; r++)
                for (var c = 0; c < 9; c++)
                    mean[r, c] += h[r, c] / 5;
        var (lambda, v) = TopEigenpair(mean);

        // Lanczos over the whole 9-dimensional space: the Ritz pair is exact to rounding.
        var settings = new HessianSettings(Examples: 5, BatchSize: 5, Top: 1, Lanczos: new LanczosOptions(9, 1e-12),
            TraceProbes: 0, DensityProbes: 0, DensitySteps: 1, Sharpness: null);
        var report = SpectrumMeasurement.Measure(model, inputs, targets, "softmax", settings);

        var curvatures = report.Curvatures!;
        Assert.Equal(5, curvatures.Examples);
        // λ_max agrees with the power iteration on the hand-built matrix (both ~1e-12 accurate).
        Assert.True(Math.Abs(report.Top.Values[0] - lambda) <= 1e-9 * lambda, $"λ_max {report.Top.Values[0]}, by hand {lambda}");
        for (var i = 0; i < 5; i++)
        {
            var expected = Quadratic(perSample[i], v);
            // aᵢ is even in v, so the sign Lanczos chose does not matter. The Ritz vector and the
            // power iteration's vector agree to ~1e-10 (gap ratio below 0.9, 2 000 steps); aᵢ is
            // quadratic in v with ‖Hᵢ‖ ≲ 5, so 1e-8 absolute leaves two orders of margin.
            Assert.True(Math.Abs(curvatures.Values[i] - expected) <= 1e-8, $"a[{i}] = {curvatures.Values[i]}, by hand {expected}");
        }
        // The mean of the aᵢ is vᵀHv = λ_max, and the variance is the population variance.
        Assert.True(Math.Abs(curvatures.Mean - lambda) <= 1e-9 * lambda);
        var m = curvatures.Values.Average();
        Assert.Equal(curvatures.Values.Sum(a => (a - m) * (a - m)) / 5, curvatures.Variance, 1e-15);
    }

    /// <summary>∇²_W of −log softmax(Wx)_y: (diag(p) − ppᵀ) ⊗ xxᵀ (independent of the label).</summary>
    static double[,] SoftmaxHessian(double[] w, double[] x)
    {
        var z = Enumerable.Range(0, 3).Select(c => w[3 * c] * x[0] + w[3 * c + 1] * x[1] + w[3 * c + 2] * x[2]).ToArray();
        var max = z.Max();
        var e = z.Select(t => Math.Exp(t - max)).ToArray();
        var p = e.Select(t => t / e.Sum()).ToArray();
        var h = new double[9, 9];
        for (var c = 0; c < 3; c++)
            for (var d = 0; d < 3; d++)
                for (var j = 0; j < 3; j++)
                    for (var k = 0; k < 3; k++)
                        h[3 * c + j, 3 * d + k] = ((c == d ? p[c] : 0) - p[c] * p[d]) * x[j] * x[k];
        return h;
    }

    static double Quadratic(double[,] h, double[] v)
    {
        double s = 0;
        for (var r = 0; r < v.Length; r++)
            for (var c = 0; c < v.Length; c++)
                s += v[r] * h[r, c] * v[c];
        return s;
    }

    /// <summary>The top eigenpair of a positive semidefinite matrix by power iteration (a method
    /// that shares nothing with Lanczos), checked to have converged.</summary>
    static (double Value, double[] Vector) TopEigenpair(double[,] h)
    {
        var n = h.GetLength(0);
        var v = Enumerable.Range(0, n).Select(i => 1.0 + 0.1 * i).ToArray();
        double lambda = 0;
        for (var step = 0; step < 2000; step++)
        {
            var w = new double[n];
            for (var r = 0; r < n; r++)
                for (var c = 0; c < n; c++)
                    w[r] += h[r, c] * v[c];
            var norm = Math.Sqrt(w.Sum(t => t * t));
            v = w.Select(t => t / norm).ToArray();
            lambda = Quadratic(h, v);
        }
        var residual = Enumerable.Range(0, n).Select(r => Enumerable.Range(0, n).Sum(c => h[r, c] * v[c]) - lambda * v[r]).Sum(t => t * t);
        Assert.True(Math.Sqrt(residual) <= 1e-10 * lambda, "the power iteration did not converge: the test matrix needs a larger spectral gap");
        return (lambda, v);
    }
}
