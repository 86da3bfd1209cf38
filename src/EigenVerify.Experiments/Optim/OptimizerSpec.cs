using System.Globalization;

namespace EigenVerify.Experiments.Optim;

/// <summary>The update rules of PAPER.md (gradient g = ∇f of the minibatch loss f).</summary>
public enum Rule
{
    /// <summary>d(x) = ∇f(x).</summary>
    Sgd,
    /// <summary>d(x) = ∇f(x + ρ∇f(x)/‖∇f(x)‖) (normalised; not C¹ at critical points).</summary>
    Sam,
    /// <summary>d(x) = ∇f(x + ρ∇f(x)).</summary>
    Usam,
    /// <summary>y = x + ρ∇f(x); z = y + ρ∇f(y); d(x) = ∇f(z).</summary>
    TwoStepUsam,
    /// <summary>d(x) = (I + ρ∇²f(x))∇f(x + ρ∇f(x)), the gradient of x ↦ f(x + ρ∇f(x)).</summary>
    HessianUsam,
    /// <summary>Adam with bias correction; its preconditioner √v̂ + ε can be frozen and read.</summary>
    Adam,
}

/// <summary>How the direction d is combined with the previous step.</summary>
public enum Momentum
{
    /// <summary>x⁺ = x − α d(x).</summary>
    None,
    /// <summary>x⁺ = x − α d(x) + β(x − x₋).</summary>
    HeavyBall,
    /// <summary>y = x + β(x − x₋); x⁺ = y − α d(y).</summary>
    Nesterov,
}

/// <summary>An optimizer and its hyperparameters, as data.</summary>
public sealed record OptimizerSpec
{
    public Rule Rule { get; init; } = Rule.Sgd;
    public double LearningRate { get; init; } = 0.1;
    public double Rho { get; init; }
    public Momentum Momentum { get; init; } = Momentum.None;
    public double Beta { get; init; }
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Config names: sgd, sam, usam, usam2, hessian-usam, adam.</summary>
    public static Rule ParseRule(string name) => name switch
    {
        "sgd" => Rule.Sgd,
        "sam" => Rule.Sam,
        "usam" => Rule.Usam,
        "usam2" or "two-step-usam" => Rule.TwoStepUsam,
        "hessian-usam" => Rule.HessianUsam,
        "adam" => Rule.Adam,
        _ => throw new ExperimentException($"unknown optimizer rule '{name}' (known: sgd, sam, usam, usam2, hessian-usam, adam)"),
    };

    public static string RuleName(Rule r) => r switch
    {
        Rule.Sgd => "sgd",
        Rule.Sam => "sam",
        Rule.Usam => "usam",
        Rule.TwoStepUsam => "usam2",
        Rule.HessianUsam => "hessian-usam",
        _ => "adam",
    };

    public static Momentum ParseMomentum(string name) => name switch
    {
        "none" => Momentum.None,
        "heavy-ball" => Momentum.HeavyBall,
        "nesterov" => Momentum.Nesterov,
        _ => throw new ExperimentException($"unknown momentum '{name}' (known: none, heavy-ball, nesterov)"),
    };

    public bool UsesRho => Rule is Rule.Sam or Rule.Usam or Rule.TwoStepUsam or Rule.HessianUsam;

    /// <summary>Gradient evaluations per step (Hessian USAM's double backward counted as two).</summary>
    public int CostPerStep => Rule switch
    {
        Rule.Sam or Rule.Usam => 2,
        Rule.TwoStepUsam => 3,
        Rule.HessianUsam => 5,
        _ => 1,
    };

    public string Describe()
    {
        var s = RuleName(Rule);
        if (UsesRho) s += " rho=" + Rho.ToString("R", CultureInfo.InvariantCulture);
        if (Rule != Rule.Adam && Momentum != Momentum.None && Beta != 0)
            s += (Momentum == Momentum.HeavyBall ? " hb" : " nesterov") + " beta=" + Beta.ToString("R", CultureInfo.InvariantCulture);
        return s + " lr=" + LearningRate.ToString("R", CultureInfo.InvariantCulture);
    }
}
