using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Curvature;

/// <summary>The acceptance test of the Hessian measurements: an explicit Hessian of a small
/// network, built column by column, against the matrix-free methods.</summary>
public class HessianNetworkTests
{
    public HessianNetworkTests() => TorchRuntime.Preload();

    [Fact]
    public void Hessian_columns_by_double_backward_match_finite_differences_of_gradients()
    {
        var (loss, _) = HessianOracle.TinyNetwork(batchSize: 10);
        var byProducts = HessianOracle.HessianByProducts(loss);
        var byDifferences = HessianOracle.HessianByFiniteDifferences(loss, 1e-5);
        var scale = HessianOracle.MaxAbs(byProducts);
        var n = byProducts.GetLength(0);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                // Central differences with h = 1e-5: truncation h²/6·|∂⁴L| ~ 1e-11 and rounding
                // ε|∇L|/h ~ 1e-11, both far below 1e-7 of the largest entry (≈ 0.1–1 here).
                Assert.True(Math.Abs(byProducts[i, j] - byDifferences[i, j]) <= 1e-7 * scale,
                    $"H[{i},{j}]: {byProducts[i, j]} by products, {byDifferences[i, j]} by differences");
                // Hessians are symmetric; double backward gives each column independently.
                Assert.True(Math.Abs(byProducts[i, j] - byProducts[j, i]) <= 1e-12 * scale);
            }
    }

    [Fact]
    public void Lanczos_top_eigenvalues_and_trace_match_the_dense_eigensolver_on_the_explicit_Hessian()
    {
        var (loss, _) = HessianOracle.TinyNetwork(batchSize: 10);
        // The oracle uses first derivatives only (central differences of gradients), so it shares
        // nothing with the double-backward products that Lanczos runs on.
        var dense = HessianOracle.Symmetrize(HessianOracle.HessianByFiniteDifferences(loss, 1e-5));
        var exact = HessianOracle.JacobiEigenvalues(dense);
        var n = exact.Length;
        Assert.Equal(38, n);

        var result = Lanczos.Extremes(loss.Hessian, 5, new LanczosOptions(MaxIterations: n, Tolerance: 1e-12), bottom: 1);
        var top = result.Top(5);
        var norm = Math.Max(Math.Abs(exact[0]), Math.Abs(exact[^1]));
        for (var i = 0; i < 5; i++)
        {
            var expected = exact[n - 1 - i];
            // Relative error is meaningful only away from zero: the five largest are ≥ 1e-3‖H‖.
            Assert.True(Math.Abs(expected) > 1e-3 * norm);
            // Our target is ≤ 1e-6 in float64. Lanczos with full reorthogonalization over the whole
            // space gives Ritz values within O(nε‖H‖) ≈ 1e-14‖H‖; the difference Hessian is within
            // ~1e-10‖H‖ (h = 1e-5, see the test above); so 1e-6 holds with four orders to spare.
            Assert.True(Math.Abs(top[i] - expected) <= 1e-6 * Math.Abs(expected), $"λ_{i + 1}: {top[i]} vs {expected}");
        }
        Assert.True(Math.Abs(result.Bottom(1)[0] - exact[0]) <= 1e-6 * Math.Abs(exact[0]));
        Assert.True(exact[0] < 0, "at a random point the Hessian is indefinite");

        // The trace: once the Krylov space is all of ℝⁿ, T = QᵀHQ with Q orthogonal, so tr T = tr H.
        var full = Lanczos.Extremes(loss.Hessian, n, new LanczosOptions(MaxIterations: n, Tolerance: 0));
        Assert.Equal(n, full.Iterations);
        var trace = HessianOracle.Trace(dense);
        Assert.True(Math.Abs(full.Alpha.Sum() - trace) <= 1e-6 * Math.Abs(trace), $"tr T = {full.Alpha.Sum()} vs tr H = {trace}");
    }

    [Fact]
    public void Hutchinson_trace_is_within_its_standard_error_of_the_dense_trace_and_that_error_is_honest()
    {
        var (loss, _) = HessianOracle.TinyNetwork(batchSize: 24);
        var h = HessianOracle.Symmetrize(HessianOracle.HessianByProducts(loss));
        var n = h.GetLength(0);
        var trace = HessianOracle.Trace(h);

        // The estimator's statistics, on the explicit matrix (cheap products, many probes).
        const int probes = 4000;
        var flat = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                flat[i * n + j] = h[i, j];
        var dense = new DenseSymmetricOperator(tensor(flat, [n, n], dtype: ScalarType.Float64));
        var estimate = Hutchinson.Trace(dense, probes, seed: 4);
        // Rademacher variance per probe: 2 Σ_{i≠j} H_ij².
        double offDiagonal = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) offDiagonal += h[i, j] * h[i, j];
        var predicted = Math.Sqrt(2 * offDiagonal / probes);
        // With 4000 probes the sample standard deviation is within a few percent of the true one
        // (relative error ≈ √((κ−1)/4N) for a probe-value kurtosis κ of a few); 15 % is a wide margin.
        Assert.InRange(estimate.StandardError / predicted, 0.85, 1.15);
        // A fixed seed makes this one deterministic draw; a miss beyond 4 standard errors would mean bias.
        Assert.True(Math.Abs(estimate.Mean - trace) <= 4 * estimate.StandardError);

        // The same estimator on the matrix-free Hessian of the network (few probes: it is slower).
        var free = Hutchinson.Trace(loss.Hessian, 40, seed: 5);
        Assert.True(Math.Abs(free.Mean - trace) <= 4 * free.StandardError, $"{free} vs tr H = {trace}");
        Assert.True(free.StandardError > 0); // a non-diagonal H: the estimate is not exact
    }

    [Fact]
    public void Hutchinson_is_exact_for_a_diagonal_operator()
    {
        var values = new[] { 1.0, -2.0, 3.5, 0.0, 10.0 };
        var estimate = Hutchinson.Trace(new DenseSymmetricOperator(diag(tensor(values, dtype: ScalarType.Float64))), 20);
        Assert.Equal(values.Sum(), estimate.Mean, 1e-12); // zᵀDz = Σ dᵢ zᵢ² = tr D for z ∈ {±1}ⁿ
        Assert.Equal(0.0, estimate.StandardError, 1e-12);
    }

    [Fact]
    public void Hessian_vector_products_do_not_depend_on_the_batch_split()
    {
        var (whole, _) = HessianOracle.TinyNetwork(batchSize: 24);
        var (pieces, _) = HessianOracle.TinyNetwork(batchSize: 5);
        var v = randn([whole.Dimension], dtype: ScalarType.Float64, generator: new Generator(1));
        var a = whole.HessianVectorProduct(v);
        var b = pieces.HessianVectorProduct(v);
        // Same mean loss, summed in a different order: agreement to rounding.
        Assert.True((a - b).abs().max().item<double>() <= 1e-12 * a.abs().max().item<double>());
        Assert.Equal(whole.Value(), pieces.Value(), 1e-12); // the same mean of O(1) numbers in another order: rounding only
    }

    [Fact]
    public void Hessian_of_least_squares_is_X_transpose_X_over_N()
    {
        TorchRuntime.Preload();
        var generator = new Generator(21);
        var x = randn([50, 4], dtype: ScalarType.Float64, generator: generator);
        var y = randn([50, 1], dtype: ScalarType.Float64, generator: generator);
        var model = nn.Linear(4, 1, hasBias: false);
        model.to(ScalarType.Float64);
        var loss = TrainingLoss.ForModel(model, x, y, 16, (o, t) => 0.5 * (o - t).pow(2).mean(), "regression");
        var v = randn([4], dtype: ScalarType.Float64, generator: generator);
        var expected = x.t().matmul(x.matmul(v)) / 50.0;
        var actual = loss.HessianVectorProduct(v);
        // Exact formula; only summation order differs.
        Assert.True((expected - actual).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void Preconditioned_spectrum_of_diagonal_H_and_P_is_the_ratio_of_the_diagonals()
    {
        var h = new[] { 4.0, 1.0, 9.0, 2.0 };
        var p = new[] { 2.0, 0.5, 3.0, 4.0 };
        var op = new PreconditionedOperator(new DenseSymmetricOperator(diag(tensor(h, dtype: ScalarType.Float64))), tensor(p, dtype: ScalarType.Float64));
        var result = Lanczos.Extremes(op, 4, new LanczosOptions(MaxIterations: 4, Tolerance: 1e-12));
        var expected = h.Zip(p, (a, b) => a / b).OrderDescending().ToArray(); // 3, 2, 2, 0.5
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], result.Top(4)[i], 1e-12);
    }

    [Fact]
    public void Preconditioned_top_pair_is_an_eigenpair_of_P_inverse_H_and_differs_from_pairing_eigenvalues_with_the_diagonal()
    {
        var (loss, _) = HessianOracle.TinyNetwork(batchSize: 24);
        var n = loss.Dimension;
        var pDiag = rand([n], dtype: ScalarType.Float64, generator: new Generator(8)) * 2.0 + 0.1;
        var op = new PreconditionedOperator(loss.Hessian, pDiag);
        var result = Lanczos.Extremes(op, 1, new LanczosOptions(MaxIterations: (int)n, Tolerance: 1e-12), topVectors: true);
        var mu = result.Top(1)[0];
        var x = op.InverseSqrtDiagonal * result.TopVectors![0];
        // P⁻¹H x = μ x, checked on the unsymmetrized operator, directly from products with H.
        var lhs = loss.HessianVectorProduct(x) / pDiag;
        var residual = (lhs - mu * x).norm().item<double>() / (Math.Abs(mu) * x.norm().item<double>());
        Assert.True(residual < 1e-8, $"relative residual {residual}"); // tolerance 1e-12·‖A‖ plus rounding

        // Dense oracle: eigenvalues of P^{-1/2} H P^{-1/2} built entrywise.
        var h = HessianOracle.Symmetrize(HessianOracle.HessianByProducts(loss));
        var pd = pDiag.data<double>().ToArray();
        var s = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                s[i, j] = h[i, j] / Math.Sqrt(pd[i] * pd[j]);
        var exact = HessianOracle.JacobiEigenvalues(s)[^1];
        Assert.True(Math.Abs(mu - exact) <= 1e-6 * Math.Abs(exact)); // as in the unpreconditioned test

        // Pairing eigenvalues of H with entries of P (λ_max / p_min) gives a different number for a
        // non-diagonal H: the preconditioned spectrum has to be measured, not composed.
        var lambdaMax = HessianOracle.JacobiEigenvalues(h)[^1];
        Assert.True(Math.Abs(lambdaMax / pd.Min() - mu) > 1e-3 * mu);
    }
}
