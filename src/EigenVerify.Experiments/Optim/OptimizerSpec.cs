using System.Globalization;
using System.Text.Json.Serialization;

namespace EigenVerify.Experiments.Optim;

/// <summary>An optimizer and its hyperparameters, as data.</summary>
public sealed record OptimizerSpec
{
    /// <summary>Serialized as <c>rule</c>: run fingerprints and result files keep that name.</summary>
    [JsonPropertyName("rule")]
    public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;
    public double LearningRate { get; init; } = 0.1;
    public double Rho { get; init; }
    public Momentum Momentum { get; init; } = Momentum.None;
    public double Beta { get; init; }
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>The kind a config's <c>"rule"</c> names: sgd, sam, usam, usam2 (or two-step-usam), hessian-usam, adam.</summary>
    public static OptimizerKind ParseKind(string name) => name switch
    {
        "sgd" => OptimizerKind.Sgd,
        "sam" => OptimizerKind.Sam,
        "usam" => OptimizerKind.Usam,
        "usam2" or "two-step-usam" => OptimizerKind.TwoStepUsam,
        "hessian-usam" => OptimizerKind.HessianUsam,
        "adam" => OptimizerKind.Adam,
        _ => throw new ExperimentException($"unknown optimizer rule '{name}' (known: sgd, sam, usam, usam2, hessian-usam, adam)"),
    };

    /// <summary>The config word of a kind, as run ids and result files spell it.</summary>
    public static string KindName(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.Sam => "sam",
        OptimizerKind.Usam => "usam",
        OptimizerKind.TwoStepUsam => "usam2",
        OptimizerKind.HessianUsam => "hessian-usam",
        _ => "adam",
    };

    public static Momentum ParseMomentum(string name) => name switch
    {
        "none" => Momentum.None,
        "heavy-ball" => Momentum.HeavyBall,
        "nesterov" => Momentum.Nesterov,
        _ => throw new ExperimentException($"unknown momentum '{name}' (known: none, heavy-ball, nesterov)"),
    };

    public bool UsesRho => Kind is OptimizerKind.Sam or OptimizerKind.Usam or OptimizerKind.TwoStepUsam or OptimizerKind.HessianUsam;

    /// <summary>Gradient evaluations per step (Hessian USAM's double backward counted as two).</summary>
    public int CostPerStep => Kind switch
    {
        OptimizerKind.Sam or OptimizerKind.Usam => 2,
        OptimizerKind.TwoStepUsam => 3,
        OptimizerKind.HessianUsam => 5,
        _ => 1,
    };

    public string Describe()
    {
        var s = KindName(Kind);
        if (UsesRho) s += " rho=" + Rho.ToString("R", CultureInfo.InvariantCulture);
        if (Kind != OptimizerKind.Adam && Momentum != Momentum.None && Beta != 0)
            s += (Momentum == Momentum.HeavyBall ? " hb" : " nesterov") + " beta=" + Beta.ToString("R", CultureInfo.InvariantCulture);
        return s + " lr=" + LearningRate.ToString("R", CultureInfo.InvariantCulture);
    }
}
