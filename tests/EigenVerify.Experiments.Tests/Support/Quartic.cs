using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Support;

/// <summary>
/// f(x) = q·¼Σxᵢ⁴ + ½xᵀAx − bᵀx for a symmetric A, written twice: by hand on plain double arrays
/// (value, gradient, Hessian times a vector — the oracle) and as a float64 torch closure for the
/// trainer. q = 0 is the quadratic; q ≠ 0 makes the Hessian vary with x.
/// </summary>
public sealed class Quartic(double[,] a, double[] b, double q)
{
    public int Dimension => b.Length;

    public double Value(double[] x) =>
        x.Sum(v => q * Math.Pow(v, 4) / 4) + 0.5 * Dot(x, Times(a, x)) - Dot(b, x);

    public double[] Gradient(double[] x) => Add(Add(Times(a, x), b, -1), x.Select(v => q * v * v * v).ToArray());

    public double[] HessianTimes(double[] x, double[] v) => Add(Times(a, v), x.Select((xi, i) => 3 * q * xi * xi * v[i]).ToArray());

    /// <summary>f at the current value of <paramref name="x"/>, as torch computes it.</summary>
    public Func<Tensor> TorchLoss(TorchSharp.Modules.Parameter x)
    {
        var n = Dimension;
        var at = torch.tensor(a.Cast<double>().ToArray(), dtype: ScalarType.Float64).reshape(n, n);
        var bt = torch.tensor(b, dtype: ScalarType.Float64);
        return () => x.pow(4).sum() * (q / 4) + 0.5 * x.dot(at.mv(x)) - bt.dot(x);
    }

    /// <summary>A float64 parameter holding <paramref name="start"/>.</summary>
    public static TorchSharp.Modules.Parameter Parameter(double[] start)
    {
        TorchRuntime.Preload();
        return new TorchSharp.Modules.Parameter(torch.tensor(start, dtype: ScalarType.Float64));
    }

    // ---- plain vector arithmetic for the hand oracles -------------------------------------------

    /// <summary>x + s·y.</summary>
    public static double[] Add(double[] x, double[] y, double s = 1) => x.Select((v, i) => v + s * y[i]).ToArray();

    public static double Dot(double[] x, double[] y) => x.Zip(y, (p, r) => p * r).Sum();

    public static double Norm(double[] x) => Math.Sqrt(Dot(x, x));

    public static double[] Times(double[,] m, double[] x) =>
        Enumerable.Range(0, x.Length).Select(i => Enumerable.Range(0, x.Length).Sum(j => m[i, j] * x[j])).ToArray();

    /// <summary>The largest coordinate difference.</summary>
    public static double MaxGap(double[] x, double[] y) => x.Zip(y, (p, r) => Math.Abs(p - r)).Max();
}
