namespace EigenVerify.Experiments.Regions;

/// <summary>
/// The exact region R(θ) of eigenvalues that a convergent run of the optimizer can end at, as the
/// F# core reports it (in process, or as `eigenverify region --format json` prints it). <c>Variable</c> is <c>lambda</c> for
/// eigenvalues of H and <c>mu</c> for eigenvalues of P⁻¹H (preconditioned rules).
/// </summary>
public sealed record FilterRegion(
    string Optimizer,
    string Variable,
    IReadOnlyDictionary<string, string> Params,
    string Charpoly,
    IReadOnlyList<RegionInterval> Intervals,
    IReadOnlyList<RegionPoint> Points,
    bool Smooth,
    bool TheoremApplies,
    string? Reason)
{
    public bool Contains(double x) => Intervals.Any(i => i.Contains(x)) || Points.Any(p => p.Approx == x);

    public override string ToString()
    {
        var parts = Intervals.Select(i => i.ToString())
            .Concat(Points.Select(p => "{" + RegionText.Number(p.Exact, p.Approx) + "}"))
            .ToList();
        return parts.Count == 0 ? "∅" : string.Join(" ∪ ", parts);
    }

    /// <summary>The hyperparameters as the CLI takes them, e.g. <c>alpha=1/10,beta=9/10</c>.</summary>
    public string ParamsText => string.Join(",", Params.Select(kv => $"{kv.Key}={kv.Value}"));
}
