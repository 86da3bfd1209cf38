using EigenVerify.Experiments.LinearAlgebra;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.LinearAlgebra;

/// <summary>Lanczos quadrature and the spectral density built on it.</summary>
public class SpectralDensityTests
{
    public SpectralDensityTests() => TorchRuntime.Preload();

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
                // Six exact steps on a diagonal matrix: the tridiagonal solver's O(nε‖A‖) rounding.
                Assert.Equal(values[j], density.Nodes[p][j], 1e-12);
                Assert.Equal(1.0 / 6, density.Weights[p][j], 1e-12);
            }
        var grid = density.Grid(4001, 0.1);
        var phi = density.Evaluate(grid, 0.1);
        var mass = Enumerable.Range(1, grid.Length - 1).Sum(i => (phi[i] + phi[i - 1]) / 2 * (grid[i] - grid[i - 1]));
        // Trapezoid rule on a grid with spacing ≈ σ/28 over ±5σ margins: the Gaussian tails beyond
        // 5σ hold < 6e-7 of the mass, and the discretisation error is far smaller.
        Assert.Equal(1.0, mass, 1e-5);
        Assert.Equal(values.Average(), density.Average(x => x), 1e-12); // the same nodes and weights, summed: rounding only
    }
}
