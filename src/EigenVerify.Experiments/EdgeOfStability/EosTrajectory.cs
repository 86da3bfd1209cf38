namespace EigenVerify.Experiments.EdgeOfStability;

/// <summary>One optimizer's trajectory, its bound and where it ended relative to the bound.</summary>
/// <param name="Catalog">The core's rule and hyperparameters, e.g. <c>gd(alpha=1/10)</c>.</param>
/// <param name="Variable"><c>lambda</c> (eigenvalues of H) or <c>mu</c> (of P⁻¹H): the spectrum the region is stated in.</param>
/// <param name="Bound">Upper end of the exact region from the core; null when run without it (<c>--no-core</c>).</param>
/// <param name="BoundSource">The region the bound was read from, or why there is none.</param>
/// <param name="FinalRatio">Final λ_max (μ_max for a region in μ) divided by the bound; null without a bound.</param>
public sealed record EosTrajectory(string Optimizer, string Catalog, string Variable, double? Bound, string BoundSource, EosPoint[] Points, double? FinalRatio, double Seconds);
