using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.LinearAlgebra;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Measurement;

/// <summary>
/// The sharpness max_{‖ε‖₂ ≤ ρ} L(θ + ε) − L(θ), by projected gradient ascent:
/// ε₀ = ρ ∇L(θ)/‖∇L(θ)‖ (SAM's first-order maximizer; a random direction if ∇L(θ) = 0), then
/// ε ← Π_ρ(ε + sρ ∇L(θ+ε)/‖∇L(θ+ε)‖) with Π_ρ the projection onto the ball and s the step
/// length. Normalized steps make the iteration scale-free (for a quadratic at a critical point
/// it is a shifted power iteration on the sphere). The reported value is the best over all
/// iterates, so it is a lower bound on the true maximum that only grows with more steps.
/// θ is restored afterwards.
/// </summary>
public static class Sharpness
{
    public static SharpnessEstimate Measure(TrainingLoss loss, SharpnessOptions options)
    {
        if (!(options.Rho > 0)) throw new ArgumentException($"ρ must be positive, got {options.Rho}");
        if (options.Steps < 0) throw new ArgumentException($"steps must be ≥ 0, got {options.Steps}");
        using var outer = NewDisposeScope();
        var theta = loss.GetFlatParameters();
        try
        {
            var (baseLoss, gradient) = loss.ValueAndGradient();
            var norm = gradient.norm().item<double>();
            var epsilon = norm > 0
                ? gradient * (options.Rho / norm)
                : Normalize(ProbeVectors.Gaussian(loss.Dimension, new Generator((ulong)options.Seed), loss.Device), options.Rho);
            var best = double.NegativeInfinity;
            double bestNorm = 0;
            var evaluations = 0;
            for (var step = 0; ; step++)
            {
                using var scope = NewDisposeScope();
                loss.SetFlatParameters(theta + epsilon);
                var (value, g) = loss.ValueAndGradient();
                evaluations++;
                if (value - baseLoss > best)
                {
                    best = value - baseLoss;
                    bestNorm = epsilon.norm().item<double>();
                }
                if (step == options.Steps) break;
                var gn = g.norm().item<double>();
                if (!(gn > 0)) break;
                var moved = epsilon + g * (options.StepLength * options.Rho / gn);
                var movedNorm = moved.norm().item<double>();
                if (movedNorm > options.Rho) moved = moved * (options.Rho / movedNorm);
                epsilon.copy_(moved);
            }
            return new SharpnessEstimate(best, baseLoss, bestNorm, evaluations);
        }
        finally
        {
            loss.SetFlatParameters(theta);
        }
    }

    static Tensor Normalize(Tensor v, double length) => v * (length / v.norm().item<double>());
}
