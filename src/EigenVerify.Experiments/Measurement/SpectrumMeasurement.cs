using System.Diagnostics;
using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.LinearAlgebra;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Measurement;

/// <summary>
/// One spectrum measurement of a trained network: top-k and smallest eigenvalues (Lanczos with
/// full reorthogonalization), trace (Hutchinson), density (SLQ), P⁻¹H's top eigenvalues when a
/// preconditioner is given, and sharpness — all of the mean training loss over a fixed set of
/// training examples, at the current parameters, in the model's dtype.
/// </summary>
public static class SpectrumMeasurement
{
    /// <param name="model">The trained network; measured in eval mode (its mode is restored after).</param>
    /// <param name="inputs">Training inputs; the first <see cref="HessianSettings.Examples"/> are used.</param>
    /// <param name="preconditioner">Adam's P = √v̂ + ε per parameter (null: not an adaptive run).</param>
    public static SpectrumReport Measure(
        nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor targets, string dataName,
        HessianSettings settings, IList<Tensor>? preconditioner = null, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var wasTraining = model.training;
        model.eval();
        try
        {
            var total = inputs.shape[0];
            var n = settings.Examples <= 0 ? total : Math.Min(settings.Examples, total);
            var x = inputs.narrow(0, 0, n);
            var y = targets.narrow(0, 0, n);
            var what = n == total ? $"{dataName} training set (all)" : $"{dataName} training set, first {n} of {total}";
            var loss = TrainingLoss.ForModel(model, x, y, settings.BatchSize,
                (output, target) => nn.functional.cross_entropy(output, target), what);
            var counter = new CountingOperator(loss.Hessian);
            var value = loss.Value();

            var lanczos = Lanczos.Extremes(counter, settings.Top, settings.Lanczos, bottom: 1, topVectors: settings.Curvatures);
            var top = new EigenvalueSummary(lanczos.Top(settings.Top), lanczos.TopResiduals(settings.Top), lanczos.Iterations, lanczos.Converged);
            log?.Invoke($"    λ_max = {top.Values[0]:G6} ({lanczos.Iterations} Lanczos steps, {(lanczos.Converged ? "converged" : "not converged")})");

            TraceEstimate? trace = settings.TraceProbes > 1 ? Hutchinson.Trace(counter, settings.TraceProbes, settings.Seed) : null;

            DensityCurve? density = null;
            if (settings.DensityProbes > 0)
            {
                var slq = SpectralDensity.Estimate(counter, settings.DensityProbes, settings.DensitySteps, settings.Seed);
                var sigma = slq.DefaultSigma();
                var grid = slq.Grid(400, sigma);
                density = new DensityCurve(sigma, grid, slq.Evaluate(grid, sigma), slq.Nodes.ToArray(), slq.Weights.ToArray());
            }

            EigenvalueSummary? preconditioned = null;
            if (preconditioner is not null)
            {
                using var scope = NewDisposeScope();
                var op = new PreconditionedOperator(counter, loss.Flatten(preconditioner));
                var run = Lanczos.Extremes(op, settings.Top, settings.Lanczos);
                preconditioned = new EigenvalueSummary(run.Top(settings.Top), run.TopResiduals(settings.Top), run.Iterations, run.Converged);
                log?.Invoke($"    μ_max(P⁻¹H) = {preconditioned.Values[0]:G6}");
            }

            CurvatureReport? curvatures = null;
            if (settings.Curvatures)
            {
                var curvatureClock = Stopwatch.StartNew();
                // Row 0 is the Ritz vector of λ_max, a unit vector.
                using var direction = lanczos.TopVectors![0].clone();
                lanczos.TopVectors.Dispose();
                var values = DirectionalCurvatures.PerSample(model, x, y, direction, (output, target) => nn.functional.cross_entropy(output, target));
                curvatures = CurvatureReport.Of(values, curvatureClock.Elapsed.TotalSeconds);
                log?.Invoke($"    per-sample curvatures along v_max: mean {curvatures.Mean:G6}, variance {curvatures.Variance:G6} ({n} examples, {curvatures.Seconds:F1} s)");
            }

            SharpnessEstimate? sharpness = settings.Sharpness is { } so ? Sharpness.Measure(loss, so) : null;

            return new SpectrumReport(
                loss.Description, (int)n, loss.Dimension, loss.Parameters[0].dtype.ToString().ToLowerInvariant(), value,
                top, lanczos.Bottom(1)[0], lanczos.BottomResiduals(1)[0], trace, density, preconditioned,
                sharpness, settings.Sharpness?.Rho, counter.Products, clock.Elapsed.TotalSeconds, curvatures);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Counts products so reports can state the cost.</summary>
    sealed class CountingOperator(ISymmetricOperator inner) : ISymmetricOperator
    {
        public int Products { get; private set; }

        public long Dimension => inner.Dimension;

        public Device Device => inner.Device;

        public Tensor Apply(Tensor v)
        {
            Products++;
            return inner.Apply(v);
        }
    }
}
