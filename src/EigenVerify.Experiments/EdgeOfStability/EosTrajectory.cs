
namespace EigenVerify.Experiments.EdgeOfStability;

/// <summary>One optimizer's trajectory, its bound and where it ended relative to the bound.</summary>
/// <param name="Bound">Upper end of the exact region (2/α, 2(1+β)/α, or 2(1+β₁)/(α(1−β₁)) in μ).</param>
/// <param name="BoundSource">"eigenverify" when the core computed it, else the closed form used.</param>
/// <param name="FinalRatio">Final λ_max (μ_max for Adam) divided by the bound.</param>
public sealed record EosTrajectory(string Optimizer, string Catalog, string Variable, double Bound, string BoundSource, EosPoint[] Points, double FinalRatio, double Seconds);
