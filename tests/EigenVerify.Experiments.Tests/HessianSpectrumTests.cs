using EigenVerify.Experiments.LinearAlgebra;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests;

public class HessianEigensolverTests
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

public class HessianLanczosTests
{
    public HessianLanczosTests() => TorchRuntime.Preload();

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
        Assert.True(result.TopResiduals(3).Max() > 1e-10);
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

public class HessianQuadratureTests
{
    public HessianQuadratureTests() => TorchRuntime.Preload();

    [Fact]
    public void Lanczos_quadrature_reproduces_the_moments_of_degree_below_2m()
    {
        var generator = new Generator(11);
        var raw = randn([60, 60], dtype: ScalarType.Float64, generator: generator);
        var a = (raw + raw.t()) / 8.0;
        var v = randn([60], dtype: ScalarType.Float64, generator: generator);
        v /= v.norm();
        const int m = 6;
        var run = Lanczos.Steps(new DenseSymmetricOperator(a), v, m);
        var power = v.clone();
        for (var p = 0; p <= 2 * m - 1; p++)
        {
            var exact = v.dot(power).item<double>();
            var quadrature = Enumerable.Range(0, m).Sum(j => run.Eigen.Vectors[0, j] * run.Eigen.Vectors[0, j] * Math.Pow(run.Eigen.Values[j], p));
            // Gauss quadrature is exact to degree 2m − 1; ‖A‖ ≈ 2, so moments stay O(2^p) and
            // rounding is O(2^p · mε).
            Assert.Equal(exact, quadrature, 1e-9 * Math.Pow(2, p));
            power = a.matmul(power);
        }
    }

    [Fact]
    public void Quadrature_of_degree_2m_is_not_exact_so_the_moment_test_can_fail()
    {
        var generator = new Generator(12);
        var raw = randn([60, 60], dtype: ScalarType.Float64, generator: generator);
        var a = (raw + raw.t()) / 8.0;
        var v = randn([60], dtype: ScalarType.Float64, generator: generator);
        v /= v.norm();
        const int m = 3;
        var run = Lanczos.Steps(new DenseSymmetricOperator(a), v, m);
        var power = v.clone();
        for (var p = 0; p < 2 * m; p++) power = a.matmul(power);
        var exact = v.dot(power).item<double>();
        var quadrature = Enumerable.Range(0, m).Sum(j => run.Eigen.Vectors[0, j] * run.Eigen.Vectors[0, j] * Math.Pow(run.Eigen.Values[j], 2 * m));
        Assert.True(Math.Abs(exact - quadrature) > 1e-6);
    }

    [Fact]
    public void SLQ_on_a_diagonal_matrix_with_Rademacher_probes_puts_mass_one_over_n_on_each_eigenvalue()
    {
        // For diagonal A and v ∈ {±1}ⁿ/√n, (eᵢᵀv)² = 1/n exactly: the full-length quadrature is
        // the exact eigenvalue distribution.
        var values = new[] { -2.0, 0.5, 1.0, 3.0, 4.0, 9.0 };
        var op = new DenseSymmetricOperator(diag(tensor(values, dtype: ScalarType.Float64)));
        var density = SpectralDensity.Estimate(op, probes: 3, steps: 6);
        for (var p = 0; p < 3; p++)
            for (var j = 0; j < 6; j++)
            {
                Assert.Equal(values[j], density.Nodes[p][j], 1e-12);
                Assert.Equal(1.0 / 6, density.Weights[p][j], 1e-12);
            }
        var grid = density.Grid(4001, 0.1);
        var phi = density.Evaluate(grid, 0.1);
        var mass = Enumerable.Range(1, grid.Length - 1).Sum(i => (phi[i] + phi[i - 1]) / 2 * (grid[i] - grid[i - 1]));
        // Trapezoid rule on a grid with spacing ≈ σ/28 over ±5σ margins: the Gaussian tails beyond
        // 5σ hold < 6e-7 of the mass, and the discretisation error is far smaller.
        Assert.Equal(1.0, mass, 1e-5);
        Assert.Equal(values.Average(), density.Average(x => x), 1e-12);
    }
}
