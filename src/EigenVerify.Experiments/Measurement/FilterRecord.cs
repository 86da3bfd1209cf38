namespace EigenVerify.Experiments.Measurement;

/// <summary>The filter check of a run as stored in its result file.</summary>
/// <param name="Region">R as text, e.g. <c>[0, 20]</c>.</param>
/// <param name="Bound">The upper end of the interval holding (or nearest to) the top eigenvalue.</param>
/// <param name="Value">The placed value: λ_max, or μ_max for a region in μ.</param>
public sealed record FilterRecord(
    string Optimizer,
    string Params,
    string Variable,
    string Region,
    bool TheoremApplies,
    double? Bound,
    double Value,
    bool Inside,
    double? FractionOfBound,
    double Distance,
    bool Flagged,
    bool Stochastic,
    string[] Lines);
