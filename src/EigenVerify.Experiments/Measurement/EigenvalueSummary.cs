namespace EigenVerify.Experiments.Measurement;

/// <summary>Extreme eigenvalues from one Lanczos run (largest first) with their residual norms.</summary>
public sealed record EigenvalueSummary(double[] Values, double[] Residuals, int Iterations, bool Converged);
