using EigenVerify.Experiments.Curvature;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// Independent oracles for the Hessian tests: a cyclic Jacobi eigensolver for dense symmetric
/// matrices (a different algorithm from the library's tridiagonal QR), explicit Hessians built
/// column by column, and small float64 networks and losses with known answers.
/// </summary>
public static class HessianOracle
{
    /// <summary>All eigenvalues of a dense symmetric matrix, ascending, by cyclic Jacobi rotations
    /// (sweeps until the off-diagonal mass is below 1e-30 of the total).</summary>
    public static double[] JacobiEigenvalues(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        double total = 0;
        foreach (var x in a) total += x * x;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                    off += 2 * a[p, q] * a[p, q];
            if (off <= 1e-30 * total) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0) continue;
                    // Rotation angle that zeroes a[p,q]: tan 2φ = 2a_pq/(a_qq − a_pp), small root.
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                }
        }
        return Enumerable.Range(0, n).Select(i => a[i, i]).Order().ToArray();
    }

    public static double[,] ToArray(Tensor matrix)
    {
        var n = (int)matrix.shape[0];
        var m = (int)matrix.shape[1];
        var flat = matrix.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
        var result = new double[n, m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
                result[i, j] = flat[i * m + j];
        return result;
    }

    public static double[,] Symmetrize(double[,] a)
    {
        var n = a.GetLength(0);
        var s = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                s[i, j] = 0.5 * (a[i, j] + a[j, i]);
        return s;
    }

    public static double Trace(double[,] a) => Enumerable.Range(0, a.GetLength(0)).Sum(i => a[i, i]);

    public static double MaxAbs(double[,] a)
    {
        double m = 0;
        foreach (var x in a) m = Math.Max(m, Math.Abs(x));
        return m;
    }

    /// <summary>Column j = H e_j, by the library's Hessian-vector product.</summary>
    public static double[,] HessianByProducts(TrainingLoss loss)
    {
        var n = (int)loss.Dimension;
        var h = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            using var scope = NewDisposeScope();
            var e = zeros([n], dtype: ScalarType.Float64);
            e[j] = 1.0;
            var column = loss.HessianVectorProduct(e).data<double>().ToArray();
            for (var i = 0; i < n; i++) h[i, j] = column[i];
        }
        return h;
    }

    /// <summary>Column j = (∇L(θ + h e_j) − ∇L(θ − h e_j)) / 2h: only first derivatives, no
    /// double backward. Central differences err by O(h²) (truncation) + O(ε/h) (rounding).</summary>
    public static double[,] HessianByFiniteDifferences(TrainingLoss loss, double step)
    {
        var n = (int)loss.Dimension;
        var h = new double[n, n];
        using var theta = loss.GetFlatParameters();
        for (var j = 0; j < n; j++)
        {
            using var scope = NewDisposeScope();
            var e = zeros([n], dtype: ScalarType.Float64);
            e[j] = step;
            loss.SetFlatParameters(theta + e);
            var plus = loss.Gradient();
            loss.SetFlatParameters(theta - e);
            var minus = loss.Gradient();
            var column = ((plus - minus) / (2 * step)).data<double>().ToArray();
            for (var i = 0; i < n; i++) h[i, j] = column[i];
        }
        loss.SetFlatParameters(theta);
        return h;
    }

    /// <summary>A 3 → 5 → 3 tanh network in float64 with cross-entropy on 24 fixed random
    /// examples (38 parameters), at a random (non-critical) point so H is indefinite.</summary>
    public static (TrainingLoss Loss, nn.Module<Tensor, Tensor> Model) TinyNetwork(long batchSize, int seed = 7)
    {
        TorchRuntime.Preload();
        var generator = new Generator((ulong)seed);
        manual_seed(seed);
        var model = nn.Sequential(
            ("fc1", nn.Linear(3, 5)),
            ("act", nn.Tanh()),
            ("fc2", nn.Linear(5, 3)));
        model.to(ScalarType.Float64);
        var inputs = randn([24, 3], dtype: ScalarType.Float64, generator: generator);
        var targets = randint(0, 3, [24], dtype: ScalarType.Int64, generator: generator);
        var loss = TrainingLoss.ForModel(model, inputs, targets, batchSize,
            (output, target) => nn.functional.cross_entropy(output, target), "tiny synthetic set");
        return (loss, model);
    }

    /// <summary>L(θ) = ½ θᵀAθ + bᵀθ on one parameter vector: H = A everywhere.</summary>
    public static TrainingLoss Quadratic(Tensor a, Tensor b, Tensor? start = null)
    {
        var theta = (start ?? zeros([a.shape[0]], dtype: ScalarType.Float64)).clone().requires_grad_();
        return new TrainingLoss([theta], [new LossTerm(() => 0.5 * theta.dot(a.matmul(theta)) + b.dot(theta), 1.0)], "quadratic");
    }

    /// <summary>Q diag(values) Qᵀ with Q a seeded random orthogonal matrix.</summary>
    public static Tensor WithSpectrum(double[] values, int seed)
    {
        var n = values.Length;
        var generator = new Generator((ulong)seed);
        var (q, _) = linalg.qr(randn([n, n], dtype: ScalarType.Float64, generator: generator));
        var d = diag(tensor(values, dtype: ScalarType.Float64));
        var m = q.matmul(d).matmul(q.t());
        return (m + m.t()) / 2.0;
    }
}
