using EigenVerify.Experiments.LinearAlgebra;

namespace EigenVerify.Experiments.Measurement;

/// <summary>Everything measured about the training-loss Hessian of one trained network.</summary>
/// <param name="Data">Which loss was measured (data, examples, batching).</param>
/// <param name="Top">Top eigenvalues of H.</param>
/// <param name="Minimum">Smallest eigenvalue of H (same Lanczos run).</param>
/// <param name="Trace">Hutchinson's estimate of tr H (null if not measured).</param>
/// <param name="Preconditioned">Top eigenvalues μ of P⁻¹H for Adam's frozen P = √v̂ + ε.</param>
/// <param name="Sharpness">max_{‖ε‖≤ρ} L(θ+ε) − L(θ), the loss increase SAM's perturbation targets.</param>
/// <param name="HessianProducts">Number of Hessian-vector products used.</param>
/// <param name="Curvatures">Per-sample curvatures along the top eigenvector (null if not measured).</param>
public sealed record SpectrumReport(
    string Data,
    int Examples,
    long Parameters,
    string Dtype,
    double Loss,
    EigenvalueSummary Top,
    double? Minimum,
    double? MinimumResidual,
    TraceEstimate? Trace,
    DensityCurve? Density,
    EigenvalueSummary? Preconditioned,
    SharpnessEstimate? Sharpness,
    double? SharpnessRho,
    int HessianProducts,
    double Seconds,
    CurvatureReport? Curvatures = null);
