namespace EigenVerify.Experiments.Regions;

/// <summary>The filter check of one finished run.</summary>
/// <param name="Flagged">The top eigenvalue lies outside the region.</param>
/// <param name="Stochastic">The run used minibatches, so the theorem (a deterministic iteration that converges) does not cover it.</param>
public sealed record FilterCheckResult(
    string Run,
    FilterRegion Region,
    IReadOnlyList<Placement> Top,
    Placement? Minimum,
    bool Flagged,
    bool Stochastic,
    IReadOnlyList<string> Lines);
