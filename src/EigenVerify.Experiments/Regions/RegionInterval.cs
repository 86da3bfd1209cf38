namespace EigenVerify.Experiments.Regions;

/// <summary>An interval of the region; a null end is unbounded (−∞ or +∞).</summary>
public sealed record RegionInterval(RegionEndpoint? Lower, RegionEndpoint? Upper)
{
    public bool Contains(double x) =>
        (Lower is null || x > Lower.Approx || (Lower.Closed && x == Lower.Approx))
        && (Upper is null || x < Upper.Approx || (Upper.Closed && x == Upper.Approx));

    public override string ToString() =>
        (Lower is { Closed: true } ? "[" : "(")
        + (Lower is null ? "−∞" : RegionText.Number(Lower.Exact, Lower.Approx))
        + ", "
        + (Upper is null ? "+∞" : RegionText.Number(Upper.Exact, Upper.Approx))
        + (Upper is { Closed: true } ? "]" : ")");
}
