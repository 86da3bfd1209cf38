namespace EigenVerify.Experiments.Regions;

/// <summary>Where one measured eigenvalue sits relative to the region.</summary>
/// <param name="Symbol">How the value is named in reports (λ_max, λ_2, μ_max …).</param>
/// <param name="Interval">The interval containing the value, or the nearest one when outside.</param>
/// <param name="FractionOfBound">value / upper end of <paramref name="Interval"/>, when that end is positive and finite.</param>
/// <param name="Distance">0 inside; otherwise the distance to the nearest point of the region.</param>
/// <param name="Above">Outside and above the nearest interval (false: below it, or inside).</param>
public sealed record Placement(
    string Symbol, double Value, bool Inside, RegionInterval? Interval, double? FractionOfBound, double Distance, bool Above, string Text);
