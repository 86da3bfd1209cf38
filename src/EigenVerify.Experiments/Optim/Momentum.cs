namespace EigenVerify.Experiments.Optim;

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
