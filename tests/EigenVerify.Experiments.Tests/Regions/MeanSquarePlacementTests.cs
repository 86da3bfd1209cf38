using EigenVerify.Experiments.Regions;
using Xunit;

namespace EigenVerify.Experiments.Tests.Regions;

/// <summary>
/// (λ_max, σ²) placed in the core's exact mean-square regions, against hand derivations (GD, and
/// USAM with batches of one) and a numeric second-moment iteration (Hessian USAM with heavy ball).
/// </summary>
public class MeanSquarePlacementTests
{
    static CatalogQuery Query(string rule, params (string Key, string Value)[] ps) => new(rule, ps.ToDictionary(p => p.Key, p => p.Value));

    static readonly CatalogQuery Gd = Query("gd", ("alpha", "1/10"));

    [Fact]
    public void Gd_with_batch_noise_is_placed_in_the_hand_derived_region_and_variance_limit()
    {
        // Curvatures 1, 3, 5, 7: s² = (9 + 1 + 1 + 9)/4 = 5. Batches of B = 2 out of n = 10:
        // p = (10 − 2)/(2·9) = 4/9, σ² = 20/9. By hand, GD's second moment evolves by
        // E[(1 − αa)²] = (1 − αλ)² + α²σ², which is ≤ 1 exactly for λ between
        // (1 ± √(1 − α²σ²))/α, i.e. 10(1 ± √(44/45)) at α = 1/10; and the largest stable σ² at λ
        // is (2αλ − α²λ²)/α² = 20λ − λ².
        double[] curvatures = [1, 3, 5, 7];
        var upper = 10 * (1 + Math.Sqrt(44.0 / 45));
        var lower = 10 * (1 - Math.Sqrt(44.0 / 45));
        foreach (var (lambda, inside) in new[] { (19.8, true), (19.9, false), (0.2, true), (0.05, false) })
        {
            var m = MeanSquarePlacement.Place(Gd, lambda, curvatures, trainingSamples: 10, batch: 2);
            Assert.Equal(("variance", 10, 2, "4/9", 4), (m.Noise, m.Samples, m.Batch, m.Factor, m.Examples));
            // σ² and the bounds are exact numbers printed to double precision: 1e-12 relative
            // covers the last-digit rounding of the decimal conversions.
            Assert.True(Math.Abs(m.BatchVariance - 20.0 / 9) <= 1e-12);
            Assert.Equal(5, m.SampleVariance, 1e-12);
            Assert.Equal(inside, m.Inside);
            Assert.True(Math.Abs(m.Bound!.Value - upper) <= 1e-12 * upper, $"bound {m.Bound}, by hand {upper}");
            var interval = m.Region.Split(',');
            Assert.True(Math.Abs(double.Parse(interval[0].TrimStart('['), System.Globalization.CultureInfo.InvariantCulture) - lower) <= 1e-3, m.Region);
            var limit = 20 * lambda - lambda * lambda;
            Assert.True(Math.Abs(m.MaxBatchVariance!.Value - limit) <= 1e-12 * Math.Abs(limit) + 1e-15, $"σ²_max {m.MaxBatchVariance}, by hand {limit}");
            Assert.Equal(inside, limit >= 20.0 / 9);
        }
        // 19.9 is inside the deterministic region [0, 20]: the batch noise alone puts it outside.
        Assert.Contains("R_ms = [", MeanSquarePlacement.Place(Gd, 19.9, curvatures, 10, 2).Line);

        // A full batch has no noise: the region is the deterministic one, [0, 20].
        var full = MeanSquarePlacement.Place(Gd, 19.9, curvatures, trainingSamples: 10, batch: 10);
        Assert.Equal((0.0, "[0, 20]", true, "0"), (full.BatchVariance, full.Region, full.Inside, full.Factor));
    }

    [Fact]
    public void Usam_with_batches_of_one_is_placed_by_the_mean_of_the_squared_update_factor()
    {
        // B = 1 of the list: a_B is one of the shifted curvatures aᵢ − mean + λ, each with chance
        // 1/n, and USAM's M(a) = 1 − αa(1 + ρa) is 1×1, so the run is mean-square stable exactly
        // when (1/n)Σ M(aᵢ − mean + λ)² ≤ 1. The λ below keep that mean at least 0.1 from 1.
        var usam = Query("usam", ("alpha", "1/10"), ("rho", "1/20"));
        double[] curvatures = [2, 4, 9, 13];
        foreach (var lambda in new[] { 1.0, 5, 9, 10, 12, -21, -25 })
        {
            var second = curvatures.Select(a => a - 7 + lambda).Select(a => 1 - 0.1 * a * (1 + 0.05 * a)).Average(f => f * f);
            Assert.True(Math.Abs(second - 1) > 0.1);
            var m = MeanSquarePlacement.Place(usam, lambda, curvatures, trainingSamples: 60000, batch: 1);
            Assert.Equal(("curvature-list", 4, 1, "1"), (m.Noise, m.Samples, m.Batch, m.Factor));
            // s² = (25 + 9 + 4 + 36)/4 = 37/2, and p = 1 for B = 1.
            Assert.Equal(18.5, m.BatchVariance, 1e-12);
            Assert.Null(m.MaxBatchVariance);
            Assert.True(second <= 1 == m.Inside, $"λ = {lambda}: E[M²] = {second}, placement {(m.Inside ? "inside" : "outside")} {m.Region}");
        }
    }

    [Fact]
    public void Hessian_usam_with_heavy_ball_is_placed_by_the_growth_of_the_second_moment()
    {
        // B = 1 of the list: S⁺ = (1/n)Σ M(aᵢ′) S M(aᵢ′)ᵀ with M(a) = [[1 + β − αh, −β], [1, 0]],
        // h = a(1 + ρa)², aᵢ′ = aᵢ − mean + λ. ‖Sₖ‖^(1/k) from S₀ = I tends to ρ(T); 3 000 steps get
        // it within ~1e-3, and the λ below have ρ(T) at least 0.05 away from 1.
        var rule = Query("hessian-usam-hb", ("alpha", "1/100"), ("beta", "9/10"), ("rho", "1/20"));
        double[] curvatures = [1, 2, 4, 5];
        foreach (var lambda in new[] { 2.0, 10, 30, 40, -2, -10 })
        {
            var growth = SecondMomentGrowth(curvatures.Select(a => a - 3 + lambda).ToArray(), 0.01, 0.9, 0.05);
            Assert.True(Math.Abs(growth - 1) > 0.05, $"λ = {lambda}: growth {growth} too close to 1 for this test");
            var m = MeanSquarePlacement.Place(rule, lambda, curvatures, trainingSamples: 1000, batch: 1);
            Assert.Equal("curvature-list", m.Noise);
            Assert.True(growth <= 1 == m.Inside, $"λ = {lambda}: growth {growth}, placement {(m.Inside ? "inside" : "outside")} {m.Region}");
        }
    }

    [Fact]
    public void Rules_without_a_mean_square_region_here_are_refused_with_the_reason()
    {
        double[] curvatures = [1, 2, 3];
        Assert.Contains("not C¹", Assert.Throws<ExperimentException>(() =>
            MeanSquarePlacement.Place(Query("sam", ("alpha", "1/10"), ("rho", "1/20")), 1, curvatures, 100, 10)).Message);
        Assert.Contains("stated in mu", Assert.Throws<ExperimentException>(() =>
            MeanSquarePlacement.Place(Query("adam-frozen", ("alpha", "1/100"), ("beta1", "9/10")), 1, curvatures, 100, 10)).Message);
        // The batch moments of a list need B ≤ its length.
        Assert.Contains("exceeds the 3 measured curvatures", Assert.Throws<ExperimentException>(() =>
            MeanSquarePlacement.Place(Query("usam", ("alpha", "1/10"), ("rho", "1/20")), 1, curvatures, 100, 10)).Message);
        Assert.Contains("lacks the hyperparameter 'alpha'", Assert.Throws<ExperimentException>(() =>
            MeanSquarePlacement.Place(Query("gd"), 1, curvatures, 100, 10)).Message);
    }

    /// <summary>‖T^k(I)‖^(1/k) for T(S) = (1/n)Σ M(aᵢ) S M(aᵢ)ᵀ, heavy ball on h = a(1 + ρa)².</summary>
    static double SecondMomentGrowth(double[] shifted, double alpha, double beta, double rho)
    {
        double s00 = 1, s01 = 0, s11 = 1, logNorm = 0;
        const int steps = 3000;
        for (var k = 0; k < steps; k++)
        {
            double n00 = 0, n01 = 0, n11 = 0;
            foreach (var a in shifted)
            {
                var h = a * (1 + rho * a) * (1 + rho * a);
                double m00 = 1 + beta - alpha * h, m01 = -beta;
                // (M S Mᵀ) with M = [[m00, m01], [1, 0]].
                var r0 = (m00 * s00 + m01 * s01, m00 * s01 + m01 * s11);
                n00 += r0.Item1 * m00 + r0.Item2 * m01;
                n01 += r0.Item1;
                n11 += s00;
            }
            n00 /= shifted.Length;
            n01 /= shifted.Length;
            n11 /= shifted.Length;
            var norm = Math.Sqrt(n00 * n00 + 2 * n01 * n01 + n11 * n11);
            logNorm += Math.Log(norm);
            (s00, s01, s11) = (n00 / norm, n01 / norm, n11 / norm);
        }
        return Math.Exp(logNorm / steps);
    }
}
