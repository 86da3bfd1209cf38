using EigenVerify.Experiments.Optim;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Which exact region a training run belongs to: the name of the core's update rule for the
/// trained optimizer and its hyperparameters as exact rationals. Whether the region is stated in
/// λ (eigenvalues of H) or μ (eigenvalues of P⁻¹H), and where the rule is written down, is the
/// core's answer (<see cref="FilterRegion.Variable"/>, <see cref="IRegionSource"/>), not this
/// query's.
/// </summary>
public sealed record CatalogQuery(string Optimizer, IReadOnlyDictionary<string, string> Params)
{
    /// <summary>The hyperparameters as the core's command line takes them, e.g. <c>alpha=1/10,beta=9/10</c>.</summary>
    public string ParamsText => string.Join(",", Params.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>The rule applied to its hyperparameters, e.g. <c>gd(alpha=1/10)</c>.</summary>
    public string Describe() => $"{Optimizer}({ParamsText})";

    /// <summary>
    /// The rule the trainer's optimizer is an instance of. The trainer's formulas match the
    /// rules': heavy ball x⁺ = x − αd + β(x − x₋), Nesterov y = x + β(x − x₋), x⁺ = y − αd(y),
    /// and Adam with a frozen P = √v̂ + ε is <c>adam-frozen</c> (m is an EMA of g, so of P⁻¹g
    /// for constant P; m̂'s bias correction tends to 1). β = 0 is the rule without momentum
    /// whatever momentum scheme the spec names.
    /// </summary>
    public static CatalogQuery ForOptimizer(OptimizerSpec spec)
    {
        var alpha = ExactDecimal.ToRational(spec.LearningRate);
        var rho = ExactDecimal.ToRational(spec.Rho);
        var beta = ExactDecimal.ToRational(spec.Beta);
        var momentum = spec.Beta == 0 ? Momentum.None : spec.Momentum;
        var suffix = momentum switch { Momentum.HeavyBall => "-hb", Momentum.Nesterov => "-nesterov", _ => "" };
        CatalogQuery Query(string name, params (string Key, string Value)[] ps) => new(name, ps.ToDictionary(p => p.Key, p => p.Value));
        CatalogQuery WithRho(string name) => momentum == Momentum.None
            ? Query(name, ("alpha", alpha), ("rho", rho))
            : Query(name + suffix, ("alpha", alpha), ("beta", beta), ("rho", rho));
        return (spec.Kind, momentum) switch
        {
            (OptimizerKind.Adam, _) => Query("adam-frozen", ("alpha", alpha), ("beta1", ExactDecimal.ToRational(spec.Beta1))),
            (OptimizerKind.Sgd, Momentum.None) => Query("gd", ("alpha", alpha)),
            (OptimizerKind.Sgd, Momentum.HeavyBall) => Query("heavy-ball", ("alpha", alpha), ("beta", beta)),
            (OptimizerKind.Sgd, Momentum.Nesterov) => Query("nesterov", ("alpha", alpha), ("beta", beta)),
            (OptimizerKind.Usam, _) => WithRho("usam"),
            (OptimizerKind.Sam, _) => WithRho("sam"),
            (OptimizerKind.TwoStepUsam, _) => WithRho("two-step-usam"),
            (OptimizerKind.HessianUsam, _) => WithRho("hessian-usam"),
            _ => throw new ExperimentException($"no region for optimizer {spec.Describe()}"),
        };
    }
}
