using System.Globalization;

namespace EigenVerify.Experiments.Optim;

/// <summary>How a second-moment estimate is accumulated from the squared gradients at the iterate.</summary>
public enum SecondMoment
{
    /// <summary>v ← β₂v + (1 − β₂)g² (RMSprop, Adam).</summary>
    Ema,
    /// <summary>v ← v + g² (AdaGrad).</summary>
    Sum,
}

/// <summary>
/// What a rule's <c>precond(·)</c> stands for in training: P = √v̂ + ε, diagonal, with v the
/// second moment of the minibatch gradients at the iterate (updated once per step, before the step
/// uses P) and v̂ = v/(1 − β₂ᵗ) when bias correction is on (EMA only), else v̂ = v. The frozen-P
/// analysis reads P at the end of training and measures μ = eig(P⁻¹H).
/// </summary>
public sealed record PreconditionerSettings(SecondMoment Accumulation = SecondMoment.Ema, double Beta2 = 0.999, double Epsilon = 1e-8, bool BiasCorrection = true)
{
    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One line for the log and the results, e.g. <c>P = sqrt(v_hat) + eps, v = EMA of g^2 (beta2=0.999, bias correction on), eps=1e-08</c>.</summary>
    public string Describe() => Accumulation == SecondMoment.Ema
        ? $"P = sqrt(v_hat) + eps, v = EMA of g^2 at the iterate (beta2={F(Beta2)}, bias correction {(BiasCorrection ? "on" : "off")}), eps={F(Epsilon)}"
        : $"P = sqrt(v) + eps, v = running sum of g^2 at the iterate, eps={F(Epsilon)}";

    /// <summary>Checks the settings; an <see cref="ExperimentException"/> naming the bad one.</summary>
    public PreconditionerSettings Validated()
    {
        if (Accumulation == SecondMoment.Ema && !(Beta2 >= 0 && Beta2 < 1)) throw new ExperimentException($"--beta2 {F(Beta2)}: must be in [0, 1)");
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) throw new ExperimentException($"--eps {F(Epsilon)}: must be positive");
        return this;
    }
}
