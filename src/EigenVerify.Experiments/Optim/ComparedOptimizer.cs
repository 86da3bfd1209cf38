namespace EigenVerify.Experiments.Optim;

/// <summary>
/// The hand-written optimizers <c>train-rule --compare</c> names, each with the hyperparameters it
/// reads from the rule's <c>--params</c>: <c>sgd</c> (or <c>gd</c>), <c>heavy-ball</c>,
/// <c>nesterov</c>, <c>sam</c>, <c>usam</c>, <c>usam2</c> (or <c>two-step-usam</c>) and
/// <c>hessian-usam</c>, the last four also with <c>-hb</c> or <c>-nesterov</c>, and <c>adam</c>.
/// </summary>
public static class ComparedOptimizer
{
    public const string Known = "sgd, heavy-ball, nesterov, sam, usam, usam2, hessian-usam (these four also with -hb or -nesterov), adam";

    /// <summary>The kind and momentum a name stands for; an <see cref="ExperimentException"/> for an unknown name.</summary>
    public static (OptimizerKind Kind, Momentum Momentum) Parse(string name)
    {
        switch (name)
        {
            case "sgd" or "gd": return (OptimizerKind.Sgd, Momentum.None);
            case "heavy-ball": return (OptimizerKind.Sgd, Momentum.HeavyBall);
            case "nesterov": return (OptimizerKind.Sgd, Momentum.Nesterov);
            case "adam": return (OptimizerKind.Adam, Momentum.None);
        }
        var (stem, momentum) = name.EndsWith("-hb", StringComparison.Ordinal) ? (name[..^3], Momentum.HeavyBall)
            : name.EndsWith("-nesterov", StringComparison.Ordinal) ? (name[..^9], Momentum.Nesterov)
            : (name, Momentum.None);
        var kind = stem switch
        {
            "sam" => OptimizerKind.Sam,
            "usam" => OptimizerKind.Usam,
            "usam2" or "two-step-usam" => OptimizerKind.TwoStepUsam,
            "hessian-usam" => OptimizerKind.HessianUsam,
            _ => throw new ExperimentException($"--compare: unknown optimizer '{name}' (known: {Known})"),
        };
        return (kind, momentum);
    }

    /// <summary>The hyperparameters (rule names) a kind and momentum read.</summary>
    public static IReadOnlyList<string> Needs(OptimizerKind kind, Momentum momentum)
    {
        var needs = new List<string> { "alpha" };
        if (kind == OptimizerKind.Adam) needs.Add("beta1");
        if (momentum != Momentum.None) needs.Add("beta");
        if (new OptimizerSpec { Kind = kind }.UsesRho) needs.Add("rho");
        return needs;
    }

    /// <summary>
    /// The spec for <paramref name="name"/> with alpha as the learning rate and beta, rho, beta1
    /// from <paramref name="values"/>; Adam's β₂ and ε are the preconditioner's settings.
    /// </summary>
    public static OptimizerSpec Spec(string name, IReadOnlyDictionary<string, double> values, PreconditionerSettings precond)
    {
        var (kind, momentum) = Parse(name);
        double Get(string p) => values.TryGetValue(p, out var v) ? v
            : throw new ExperimentException($"--compare {name}: needs {p} in --params");
        foreach (var p in Needs(kind, momentum)) Get(p);
        return new OptimizerSpec
        {
            Kind = kind,
            Momentum = momentum,
            LearningRate = Get("alpha"),
            Beta = momentum == Momentum.None ? 0 : Get("beta"),
            Rho = new OptimizerSpec { Kind = kind }.UsesRho ? Get("rho") : 0,
            Beta1 = kind == OptimizerKind.Adam ? Get("beta1") : 0.9,
            Beta2 = precond.Beta2,
            Epsilon = precond.Epsilon,
        };
    }
}
