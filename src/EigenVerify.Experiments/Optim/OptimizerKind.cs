namespace EigenVerify.Experiments.Optim;

/// <summary>
/// Which optimizer a spec trains with: the direction d(x) each step moves along (g = ∇f of the
/// minibatch loss f), or Adam's own update. Momentum is a separate choice (<see cref="Momentum"/>).
/// Each kind is written out as an update rule of the F# core's catalog (see the region queries).
/// </summary>
public enum OptimizerKind
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
