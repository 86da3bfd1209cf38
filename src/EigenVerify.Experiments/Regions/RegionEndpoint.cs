namespace EigenVerify.Experiments.Regions;

/// <summary>An endpoint of a region interval: the exact algebraic number as the core prints it,
/// a float approximation (≥ 15 significant digits), and whether the interval includes it.</summary>
public sealed record RegionEndpoint(string Exact, double Approx, bool Closed);
