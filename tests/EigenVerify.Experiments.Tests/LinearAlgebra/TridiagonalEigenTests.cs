using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.LinearAlgebra;

/// <summary>The tridiagonal eigensolver under Lanczos, and the dense oracle the other tests use.</summary>
public class TridiagonalEigenTests
{
    [Fact]
    public void Tridiagonal_QR_reproduces_the_closed_form_spectrum_of_the_path_Laplacian()
    {
        // tridiag(−1, 2, −1) of size n has eigenvalues 2 − 2cos(kπ/(n+1)), k = 1..n.
        const int n = 40;
        var result = TridiagonalEigen.Decompose(Enumerable.Repeat(2.0, n).ToArray(), Enumerable.Repeat(-1.0, n - 1).ToArray());
        var expected = Enumerable.Range(1, n).Select(k => 2 - 2 * Math.Cos(k * Math.PI / (n + 1))).ToArray();
        // Backward-stable QR: eigenvalue errors are a small multiple of ε‖T‖ = 4ε.
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], result.Values[i], 1e-13);
    }

    [Fact]
    public void Tridiagonal_QR_eigenvectors_are_orthonormal_and_satisfy_the_eigen_equation()
    {
        var random = new Random(3);
        const int m = 30;
        var alpha = Enumerable.Range(0, m).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var beta = Enumerable.Range(0, m - 1).Select(_ => random.NextDouble()).ToArray();
        beta[10] = 0; // a split: two independent blocks must both be solved
        var (values, z) = TridiagonalEigen.Decompose(alpha, beta);
        for (var c = 0; c < m; c++)
        {
            for (var r = 0; r < m; r++)
            {
                var tz = alpha[r] * z[r, c] + (r > 0 ? beta[r - 1] * z[r - 1, c] : 0) + (r < m - 1 ? beta[r] * z[r + 1, c] : 0);
                // ‖T‖ ≤ 4 here; residuals of a backward-stable solver are O(ε‖T‖).
                Assert.True(Math.Abs(tz - values[c] * z[r, c]) < 1e-12, $"residual at ({r},{c})");
            }
            for (var d = 0; d < m; d++)
            {
                var dot = Enumerable.Range(0, m).Sum(r => z[r, c] * z[r, d]);
                Assert.Equal(c == d ? 1.0 : 0.0, dot, 1e-12); // orthogonal rotations only: O(mε)
            }
        }
    }

    [Fact]
    public void Jacobi_oracle_recovers_a_constructed_spectrum()
    {
        TorchRuntime.Preload();
        var values = new[] { -3.0, -0.5, 0.0, 0.25, 1.0, 2.0, 7.5, 11.0 };
        var eig = HessianOracle.JacobiEigenvalues(HessianOracle.ToArray(HessianOracle.WithSpectrum(values, 1)));
        // Q diag Qᵀ is formed with O(nε‖A‖) rounding; Jacobi is accurate to the same level.
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i], eig[i], 1e-12);
    }
}
