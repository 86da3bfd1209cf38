namespace EigenVerify.Experiments.Regions;

/// <summary>An isolated point of the region.</summary>
public sealed record RegionPoint(string Exact, double Approx);
