using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.LinearAlgebra;

/// <summary>Lanczos with full reorthogonalization on matrices of known spectrum.</summary>
public class LanczosTests
{
    public LanczosTests() => TorchRuntime.Preload();

    [Fact]
    public void Lanczos_finds_the_ten_largest_eigenvalues_of_a_matrix_with_known_spectrum()
    {
        var values = Enumerable.Range(0, 300).Select(i => i < 290 ? Math.Sin(i) : 10.0 + (i - 290)).ToArray();
        var op = new DenseSymmetricOperator(HessianOracle.WithSpectrum(values, 2));
        var result = Lanczos.Extremes(op, 10, new LanczosOptions(MaxIterations: 120, Tolerance: 1e-10));
        Assert.True(result.Converged);
        Assert.True(result.Iterations < 120, "the separated top of the spectrum converges before the cap");
        var expected = values.OrderDescending().Take(10).ToArray();
        // Converged Ritz values: |θ − λ| ≤ residual²/gap ≪ residual ≤ 1e-10·‖A‖ = 1.9e-9.
        for (var i = 0; i < 10; i++) Assert.Equal(expected[i], result.Top(10)[i], 1e-8);
    }

    [Fact]
    public void Lanczos_restarts_after_an_invariant_subspace_and_finds_repeated_eigenvalues()
    {
        // Spectrum {5, 5, 5, 1, 1, 0}: a Krylov space sees each distinct value once, so only the
        // restart after breakdown can recover the multiplicities.
        var values = new[] { 5.0, 5.0, 5.0, 1.0, 1.0, 0.0 };
        var op = new DenseSymmetricOperator(HessianOracle.WithSpectrum(values, 5));
        var result = Lanczos.Extremes(op, 6, new LanczosOptions(MaxIterations: 6, Tolerance: 1e-12));
        Assert.Equal(6, result.Iterations);
        Assert.Contains(0.0, result.Beta); // at least one restart happened
        var found = result.Top(6);
        // Whole space built: Ritz values are the eigenvalues up to O(nε‖A‖).
        for (var i = 0; i < 6; i++) Assert.Equal(values[i], found[i], 1e-10);
    }

    [Fact]
    public void Lanczos_reports_no_convergence_when_stopped_too_early_on_a_clustered_spectrum()
    {
        var values = Enumerable.Range(0, 200).Select(i => 1.0 + i * 1e-3).ToArray();
        var op = new DenseSymmetricOperator(HessianOracle.WithSpectrum(values, 3));
        var result = Lanczos.Extremes(op, 3, new LanczosOptions(MaxIterations: 5, Tolerance: 1e-10));
        Assert.False(result.Converged);
        Assert.True(result.TopResiduals(3).Max() > 1e-10); // above the tolerance asked for: honestly unconverged
    }

    [Fact]
    public void Ritz_vectors_of_the_top_pairs_satisfy_the_eigen_equation()
    {
        var values = Enumerable.Range(0, 50).Select(i => (double)i * i / 100).ToArray();
        var a = HessianOracle.WithSpectrum(values, 9);
        var op = new DenseSymmetricOperator(a);
        var result = Lanczos.Extremes(op, 3, new LanczosOptions(MaxIterations: 50, Tolerance: 1e-12), topVectors: true);
        for (var i = 0; i < 3; i++)
        {
            var y = result.TopVectors![i];
            var residual = (a.matmul(y) - result.Top(3)[i] * y).norm().item<double>();
            Assert.Equal(1.0, y.norm().item<double>(), 1e-12); // combination of orthonormal vectors
            Assert.True(residual < 1e-9, $"residual {residual}"); // ≤ tolerance·‖A‖ plus rounding
        }
    }
}
