using EigenVerify.Experiments.Optim;
using EigenVerify.Symbolic;

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
    /// The rule the trainer's optimizer is an instance of, as the core's catalog names it, with
    /// the hyperparameters the rule declares. The trainer's formulas match the rules': heavy ball
    /// x⁺ = x − αd + β(x − x₋), Nesterov y = x + β(x − x₋), x⁺ = y − αd(y), and Adam with a frozen
    /// P = √v̂ + ε is <c>adam-frozen</c> (m is an EMA of g, so of P⁻¹g for constant P; m̂'s bias
    /// correction tends to 1). β = 0 is the rule without momentum whatever momentum scheme the
    /// spec names. The parameter names and their order are the rule's own (read from the core).
    /// </summary>
    public static CatalogQuery ForOptimizer(OptimizerSpec spec)
    {
        var momentum = spec.Beta == 0 || spec.Kind == OptimizerKind.Adam ? Momentum.None : spec.Momentum;
        var name = RuleName(spec.Kind, momentum);
        if (!Catalog.names.Contains(name))
            throw new ExperimentException($"no region for optimizer {spec.Describe()}: the core's catalog has no rule '{name}' (catalog: {string.Join(", ", Catalog.names)})");
        var parameters = Catalog.load(name).Params
            .Select(p => (p.Name, Value: ExactDecimal.ToRational(Hyperparameter(spec, p.Name, name))))
            .ToDictionary(p => p.Name, p => p.Value);
        return new CatalogQuery(name, parameters);
    }

    /// <summary>The catalog name of a trained optimizer: the SGD family is gd, heavy-ball and
    /// nesterov; the others are the kind's rule, followed by <c>-hb</c> or <c>-nesterov</c>.</summary>
    static string RuleName(OptimizerKind kind, Momentum momentum)
    {
        if (kind == OptimizerKind.Sgd)
            return momentum switch { Momentum.HeavyBall => "heavy-ball", Momentum.Nesterov => "nesterov", _ => "gd" };
        var family = kind switch
        {
            OptimizerKind.Sam => "sam",
            OptimizerKind.Usam => "usam",
            OptimizerKind.TwoStepUsam => "two-step-usam",
            OptimizerKind.HessianUsam => "hessian-usam",
            OptimizerKind.Adam => "adam-frozen",
            _ => throw new ExperimentException($"no rule for optimizer kind {kind}"),
        };
        return family + momentum switch { Momentum.HeavyBall => "-hb", Momentum.Nesterov => "-nesterov", _ => "" };
    }

    /// <summary>The trainer's hyperparameter that a rule's parameter stands for, by the rule
    /// language's names: α the learning rate, β the momentum, ρ the ascent radius, β₁ Adam's
    /// first-moment decay.</summary>
    static double Hyperparameter(OptimizerSpec spec, string parameter, string rule) => parameter switch
    {
        "alpha" => spec.LearningRate,
        "beta" => spec.Beta,
        "rho" => spec.Rho,
        "beta1" => spec.Beta1,
        _ => throw new ExperimentException($"rule {rule} declares the hyperparameter '{parameter}', which the trainer's {spec.Describe()} does not have"),
    };
}
