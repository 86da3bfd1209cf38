using EigenVerify.Experiments.LinearAlgebra;

namespace EigenVerify.Experiments.Measurement;

/// <summary>
/// How much work one spectrum measurement does. The data the loss is measured on is stated in
/// every report: the first <see cref="Examples"/> training examples (0: the whole training set),
/// in the training set's fixed order, so every run of a sweep is measured on the same data.
/// </summary>
/// <param name="Examples">Training examples in the measured loss (0: all).</param>
/// <param name="BatchSize">Examples per Hessian-vector product chunk (memory, not the result).</param>
/// <param name="Top">Number of top eigenvalues.</param>
/// <param name="Lanczos">Lanczos cap and convergence tolerance for the top eigenvalues.</param>
/// <param name="TraceProbes">Hutchinson probes (0: no trace).</param>
/// <param name="DensityProbes">SLQ probes (0: no density).</param>
/// <param name="DensitySteps">Lanczos steps per SLQ probe.</param>
/// <param name="Sharpness">The sharpness ascent (null: not measured).</param>
/// <param name="Curvatures">Measure the per-sample curvatures along the top eigenvector (one
/// Hessian-vector product per example) for the mean-square placement.</param>
public sealed record HessianSettings(
    int Examples,
    int BatchSize,
    int Top,
    LanczosOptions Lanczos,
    int TraceProbes,
    int DensityProbes,
    int DensitySteps,
    SharpnessOptions? Sharpness,
    int Seed = 0,
    bool Curvatures = true)
{
    /// <summary>
    /// Our settings per sweep preset: <c>smoke</c> checks the pipeline in about a second per run
    /// (500 examples, 15 Lanczos steps: λ_max to a few percent, not converged);
    /// <c>small</c> measures on 1 000 training examples, top 10 with at most 30 Lanczos steps
    /// (about 75 Hessian-vector products per run); <c>paper</c> uses the whole training set, the
    /// top 20 to a 10⁻⁴ tolerance, 50 trace probes and 10 density probes.
    /// </summary>
    public static HessianSettings ForPreset(string preset) => preset switch
    {
        "smoke" => new(500, 500, 5, new LanczosOptions(15, 1e-3), 3, 1, 10, new SharpnessOptions(Steps: 2)),
        "small" => new(1000, 1000, 10, new LanczosOptions(30, 1e-3), 5, 1, 30, new SharpnessOptions(Steps: 5)),
        "paper" => new(0, 1000, 20, new LanczosOptions(120, 1e-4), 50, 10, 100, new SharpnessOptions(Steps: 20)),
        _ => throw new ExperimentException($"no Hessian settings for preset '{preset}' (known: smoke, small, paper)"),
    };
}
