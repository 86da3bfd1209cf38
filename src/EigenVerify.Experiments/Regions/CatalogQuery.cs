using EigenVerify.Experiments.Optim;

namespace EigenVerify.Experiments.Regions;

/// <summary>
/// Which exact region a training run belongs to: a catalog optimizer of the core (or a rule file
/// for combinations the catalog lacks) with its hyperparameters as exact rationals, and whether
/// the region is stated in λ (eigenvalues of H) or μ (eigenvalues of P⁻¹H).
/// </summary>
public sealed record CatalogQuery(string Optimizer, string? RuleFile, IReadOnlyDictionary<string, string> Params, string Variable)
{
    public string Describe() => $"{Optimizer}({string.Join(",", Params.Select(kv => $"{kv.Key}={kv.Value}"))})";

    /// <summary>Directory of the rule files shipped next to this code (the build copies none:
    /// they are read from the source tree).</summary>
    public static string RulesFolder(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "src", "EigenVerify.Experiments", "Hessian", "rules");

    /// <summary>
    /// Maps the experiments' optimizer to the core's rule. The trainer's formulas match the
    /// catalog's: heavy ball x⁺ = x − αd + β(x − x₋), Nesterov y = x + β(x − x₋), x⁺ = y − αd(y),
    /// and Adam with a frozen P = √v̂ + ε is <c>adam-frozen</c> (m is an EMA of g, so of P⁻¹g
    /// for constant P; m̂'s bias correction tends to 1). Two-step and Hessian USAM with momentum,
    /// and SAM with momentum, are not in the catalog: they come from rule files in
    /// <see cref="RulesFolder"/>.
    /// </summary>
    public static CatalogQuery ForOptimizer(OptimizerSpec spec, string repositoryRoot)
    {
        var alpha = ExactDecimal.ToRational(spec.LearningRate);
        var rho = ExactDecimal.ToRational(spec.Rho);
        var beta = ExactDecimal.ToRational(spec.Beta);
        var momentum = spec.Beta == 0 ? Momentum.None : spec.Momentum;
        Dictionary<string, string> P(params (string, string)[] kv) => kv.ToDictionary(x => x.Item1, x => x.Item2);
        CatalogQuery Catalog(string name, Dictionary<string, string> ps) => new(name, null, ps, "lambda");
        CatalogQuery File(string name, Dictionary<string, string> ps) =>
            new(name, Path.Combine(RulesFolder(repositoryRoot), name + ".rule"), ps, "lambda");
        string Suffix() => momentum == Momentum.HeavyBall ? "-hb" : "-nesterov";
        return (spec.Kind, momentum) switch
        {
            (OptimizerKind.Adam, _) => new("adam-frozen", null, P(("alpha", alpha), ("beta1", ExactDecimal.ToRational(spec.Beta1))), "mu"),
            (OptimizerKind.Sgd, Momentum.None) => Catalog("gd", P(("alpha", alpha))),
            (OptimizerKind.Sgd, Momentum.HeavyBall) => Catalog("heavy-ball", P(("alpha", alpha), ("beta", beta))),
            (OptimizerKind.Sgd, Momentum.Nesterov) => Catalog("nesterov", P(("alpha", alpha), ("beta", beta))),
            (OptimizerKind.Usam, Momentum.None) => Catalog("usam", P(("alpha", alpha), ("rho", rho))),
            (OptimizerKind.Usam, _) => Catalog("usam" + Suffix(), P(("alpha", alpha), ("beta", beta), ("rho", rho))),
            (OptimizerKind.Sam, Momentum.None) => Catalog("sam", P(("alpha", alpha), ("rho", rho))),
            (OptimizerKind.Sam, _) => File("sam" + Suffix(), P(("alpha", alpha), ("beta", beta), ("rho", rho))),
            (OptimizerKind.TwoStepUsam, Momentum.None) => Catalog("two-step-usam", P(("alpha", alpha), ("rho", rho))),
            (OptimizerKind.TwoStepUsam, _) => File("two-step-usam" + Suffix(), P(("alpha", alpha), ("beta", beta), ("rho", rho))),
            (OptimizerKind.HessianUsam, Momentum.None) => Catalog("hessian-usam", P(("alpha", alpha), ("rho", rho))),
            (OptimizerKind.HessianUsam, _) => File("hessian-usam" + Suffix(), P(("alpha", alpha), ("beta", beta), ("rho", rho))),
            _ => throw new ExperimentException($"no region for optimizer {spec.Describe()}"),
        };
    }
}
