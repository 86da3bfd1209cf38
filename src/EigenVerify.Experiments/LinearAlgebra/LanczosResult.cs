using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>
/// The outcome of a Lanczos run: the tridiagonal T = QᵀAQ, its eigenvalues (Ritz values, ascending)
/// with residual norms, and, when asked for, Ritz vectors of the extreme pairs.
/// </summary>
public sealed class LanczosResult
{
    internal LanczosResult(double[] alpha, double[] beta, double lastBeta, SymmetricEigenDecomposition eigen, bool converged, Tensor? topVectors)
    {
        Alpha = alpha;
        Beta = beta;
        Eigen = eigen;
        Converged = converged;
        TopVectors = topVectors;
        var m = alpha.Length;
        RitzValues = eigen.Values;
        // ‖A yᵢ − θᵢ yᵢ‖ = β_m |s_{m,i}|, the last component of T's eigenvector times the
        // coupling to the next (unbuilt) Lanczos vector.
        Residuals = Enumerable.Range(0, m).Select(i => Math.Abs(lastBeta * eigen.Vectors[m - 1, i])).ToArray();
    }

    /// <summary>Diagonal of T.</summary>
    public double[] Alpha { get; }

    /// <summary>Off-diagonal of T (a zero marks a restart after an invariant subspace was found).</summary>
    public double[] Beta { get; }

    public SymmetricEigenDecomposition Eigen { get; }

    public int Iterations => Alpha.Length;

    public double[] RitzValues { get; }

    public double[] Residuals { get; }

    public bool Converged { get; }

    /// <summary>Ritz vectors of the largest Ritz values (rows, largest first), if requested.</summary>
    public Tensor? TopVectors { get; }

    /// <summary>The k largest Ritz values, largest first.</summary>
    public double[] Top(int k) => RitzValues.Reverse().Take(k).ToArray();

    /// <summary>Residuals of <see cref="Top"/>'s values, in the same order.</summary>
    public double[] TopResiduals(int k) => Residuals.Reverse().Take(k).ToArray();

    /// <summary>The k smallest Ritz values, smallest first.</summary>
    public double[] Bottom(int k) => RitzValues.Take(k).ToArray();

    public double[] BottomResiduals(int k) => Residuals.Take(k).ToArray();
}
