using EigenVerify.Experiments.Measurement;
using EigenVerify.Experiments.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Measurement;

/// <summary>The sharpness max over the ρ-ball on losses whose maximum is known in closed form.</summary>
public class SharpnessTests
{
    public SharpnessTests() => TorchRuntime.Preload();

    [Fact]
    public void Linear_loss_sharpness_is_rho_times_the_gradient_norm_from_the_first_step()
    {
        // L(θ) = bᵀθ: max_{‖ε‖≤ρ} bᵀε = ρ‖b‖, attained at ε = ρb/‖b‖, SAM's starting point.
        var b = tensor(new[] { 3.0, -4.0, 12.0 }, dtype: ScalarType.Float64); // ‖b‖ = 13
        var loss = HessianOracle.Quadratic(zeros([3, 3], dtype: ScalarType.Float64), b, tensor(new[] { 1.0, 2.0, 3.0 }, dtype: ScalarType.Float64));
        var before = loss.GetFlatParameters();
        var s = Sharpness.Measure(loss, new SharpnessOptions(Rho: 0.05, Steps: 3));
        Assert.Equal(0.05 * 13, s.Value, 1e-12); // exact up to rounding of a 3-term dot product
        Assert.Equal(0.05, s.PerturbationNorm, 1e-12);
        Assert.Equal(before.data<double>().ToArray(), loss.GetFlatParameters().data<double>().ToArray()); // θ restored
    }

    [Fact]
    public void At_a_minimum_of_a_quadratic_sharpness_is_half_rho_squared_times_lambda_max()
    {
        // L(θ) = ½θᵀAθ at θ = 0: max_{‖ε‖≤ρ} ½εᵀAε = ½ρ²λ_max. The ascent is a power iteration on
        // the sphere with ratio λ₂/λ_max = 0.5, so 40 steps reach it to ~1e-12.
        var a = HessianOracle.WithSpectrum([8.0, 4.0, 1.0, 0.5, 0.1], seed: 6);
        var loss = HessianOracle.Quadratic(a, zeros([5], dtype: ScalarType.Float64));
        var s = Sharpness.Measure(loss, new SharpnessOptions(Rho: 0.05, Steps: 40));
        Assert.Equal(0.5 * 0.05 * 0.05 * 8.0, s.Value, 1e-10); // converged to ~1e-12 (above), value 0.01
        Assert.Equal(0.0, s.BaseLoss, 1e-15); // L(0) = 0 exactly; only the float64 products round
    }

    [Fact]
    public void Sharpness_never_exceeds_the_true_maximum_and_grows_with_more_steps()
    {
        // Convex quadratic away from its minimum: the maximum over the ball lies on the sphere; a
        // search over 200 000 angles finds it to within c·(Δφ/2)² ≈ 0.1·(1.6e-5)² < 1e-10 (c: the
        // objective's curvature in the angle, ≈ ρ‖∇L‖ + ρ²‖A‖ ≈ 0.1).
        var a = tensor(new[] { 3.0, 1.0, 1.0, 2.0 }, [2, 2], dtype: ScalarType.Float64);
        var b = tensor(new[] { 0.3, -0.2 }, dtype: ScalarType.Float64);
        var theta = tensor(new[] { 0.4, 0.1 }, dtype: ScalarType.Float64);
        double L(double x, double y) => 0.5 * (3 * x * x + 2 * x * y + 2 * y * y) + 0.3 * x - 0.2 * y;
        const double rho = 0.05;
        var best = Enumerable.Range(0, 200_000).Max(k =>
        {
            var phi = 2 * Math.PI * k / 200_000;
            return L(0.4 + rho * Math.Cos(phi), 0.1 + rho * Math.Sin(phi));
        }) - L(0.4, 0.1);
        var few = Sharpness.Measure(HessianOracle.Quadratic(a, b, theta), new SharpnessOptions(Rho: rho, Steps: 0));
        var many = Sharpness.Measure(HessianOracle.Quadratic(a, b, theta), new SharpnessOptions(Rho: rho, Steps: 30));
        Assert.True(few.Value <= best + 1e-9, $"{few.Value} > {best}");
        Assert.True(many.Value <= best + 1e-9, $"{many.Value} > {best}");
        Assert.True(many.Value >= few.Value);
        // The convex objective's maximum lies on the sphere, where the ascent converges.
        Assert.Equal(best, many.Value, 1e-8);
    }

    [Fact]
    public void A_non_positive_radius_is_refused()
    {
        var loss = HessianOracle.Quadratic(eye(2, dtype: ScalarType.Float64), zeros([2], dtype: ScalarType.Float64));
        Assert.Throws<ArgumentException>(() => Sharpness.Measure(loss, new SharpnessOptions(Rho: 0)));
    }
}
