using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Optim;

/// <summary>
/// One optimizer of <see cref="OptimizerKind"/>, stepping a list of parameters given a loss closure f
/// (the minibatch loss at the current parameters). A step computes the direction d at the point the
/// momentum scheme asks for, then moves: exactly the formulas on the kinds, with v = x − x₋ kept as
/// state. Perturbed points are reached by copying, and the iterate is restored by copying back,
/// so x itself never accumulates a +e−e rounding error.
/// </summary>
public sealed class TrainingOptimizer : ITrainingStep
{
    readonly Tensor[] ps;
    readonly Tensor[] velocity;
    readonly Tensor[]? adamM, adamV;
    long steps;

    public OptimizerSpec Spec { get; }
    public IReadOnlyList<Tensor> Parameters => ps;
    /// <summary>v = x − x₋ (zero before the first step).</summary>
    public IReadOnlyList<Tensor> Velocity => velocity;
    public long Steps => steps;

    public TrainingOptimizer(IEnumerable<Tensor> parameters, OptimizerSpec spec)
    {
        Spec = spec;
        ps = parameters.ToArray();
        using var _ = no_grad();
        velocity = ps.Select(p => torch.zeros_like(p)).ToArray();
        if (spec.Kind == OptimizerKind.Adam)
        {
            adamM = ps.Select(p => torch.zeros_like(p)).ToArray();
            adamV = ps.Select(p => torch.zeros_like(p)).ToArray();
        }
        if (spec.LearningRate <= 0) throw new ExperimentException($"learning rate {spec.LearningRate}: must be positive");
        if (spec.Beta < 0 || spec.Beta >= 1) throw new ExperimentException($"momentum beta {spec.Beta}: must be in [0, 1)");
        if (spec.UsesRho && spec.Rho < 0) throw new ExperimentException($"rho {spec.Rho}: must be non-negative");
    }

    /// <summary>One step; returns the loss f at the first point evaluated (x, or y for Nesterov).</summary>
    public double Step(Func<Tensor> loss)
    {
        using var scope = NewDisposeScope();
        steps++;
        if (Spec.Kind == OptimizerKind.Adam) return AdamStep(loss);
        double beta = Spec.Momentum == Momentum.None ? 0 : Spec.Beta;
        double alpha = Spec.LearningRate;
        if (Spec.Momentum == Momentum.Nesterov && beta != 0)
        {
            using (no_grad()) for (int i = 0; i < ps.Length; i++) ps[i].add_(velocity[i], alpha: beta); // now at y
        }
        var (d, f) = Direction(loss);
        using (no_grad())
        {
            for (int i = 0; i < ps.Length; i++)
            {
                if (Spec.Momentum == Momentum.HeavyBall && beta != 0)
                {
                    // v⁺ = βv − αd; x⁺ = x + v⁺ = x − αd + β(x − x₋)
                    velocity[i].mul_(beta).add_(d[i], alpha: -alpha);
                    ps[i].add_(velocity[i]);
                }
                else if (Spec.Momentum == Momentum.Nesterov && beta != 0)
                {
                    // x⁺ = y − αd(y); v⁺ = x⁺ − x = βv − αd(y)
                    ps[i].add_(d[i], alpha: -alpha);
                    velocity[i].mul_(beta).add_(d[i], alpha: -alpha);
                }
                else
                {
                    ps[i].add_(d[i], alpha: -alpha);
                    velocity[i].copy_(d[i]).mul_(-alpha);
                }
            }
        }
        return f;
    }

    /// <summary>The rule's direction d at the current parameters (left unchanged), and f there.</summary>
    (Tensor[] D, double F) Direction(Func<Tensor> loss)
    {
        var (g, f0) = Autodiff.Gradient(loss, ps);
        double f = f0.to_type(ScalarType.Float64).item<double>();
        var d = Spec.Kind switch
        {
            OptimizerKind.Sgd => g,
            OptimizerKind.Usam => GradientAt(loss, g, Spec.Rho),
            OptimizerKind.Sam => SamDirection(loss, g),
            OptimizerKind.TwoStepUsam => TwoStepUsamDirection(loss, g),
            OptimizerKind.HessianUsam => HessianUsamDirection(loss, g),
            _ => throw new InvalidOperationException("Adam has no direction of this form"),
        };
        return (d, f);
    }

    /// <summary>∇f(x + ρ∇f(x)/‖∇f(x)‖).</summary>
    Tensor[] SamDirection(Func<Tensor> loss, Tensor[] g)
    {
        double norm = Autodiff.Norm(g);
        // At ∇f = 0 the normalised perturbation is undefined; SAM's direction is then ∇f(x) = 0.
        return norm == 0 ? g : GradientAt(loss, g, Spec.Rho / norm);
    }

    /// <summary>∇f(z) with y = x + ρ∇f(x), z = y + ρ∇f(y).</summary>
    Tensor[] TwoStepUsamDirection(Func<Tensor> loss, Tensor[] g)
    {
        var x = Save();
        Move(x, g, Spec.Rho); // y = x + ρ∇f(x)
        var (gy, _) = Autodiff.Gradient(loss, ps);
        var y = Save();
        Move(y, gy, Spec.Rho); // z = y + ρ∇f(y)
        var (gz, _) = Autodiff.Gradient(loss, ps);
        Restore(x);
        return gz;
    }

    /// <summary>(I + ρ∇²f(x))∇f(x + ρ∇f(x)).</summary>
    Tensor[] HessianUsamDirection(Func<Tensor> loss, Tensor[] g)
    {
        var u = GradientAt(loss, g, Spec.Rho); // ∇f(x + ρ∇f(x))
        var hu = Autodiff.HessianVectorProduct(loss, ps, u); // ∇²f(x)·u
        return u.Zip(hu, (a, b) => a.add(b, alpha: Spec.Rho)).ToArray();
    }

    /// <summary>∇f(x + s·g) with the parameters returned to x afterwards.</summary>
    Tensor[] GradientAt(Func<Tensor> loss, Tensor[] g, double s)
    {
        var x = Save();
        Move(x, g, s);
        var (gp, _) = Autodiff.Gradient(loss, ps);
        Restore(x);
        return gp;
    }

    Tensor[] Save() { using (no_grad()) return ps.Select(p => p.detach().clone()).ToArray(); }

    void Move(Tensor[] from, Tensor[] dir, double s)
    {
        using (no_grad()) for (int i = 0; i < ps.Length; i++) ps[i].copy_(from[i].add(dir[i], alpha: s));
    }

    void Restore(Tensor[] x)
    {
        using (no_grad()) for (int i = 0; i < ps.Length; i++) ps[i].copy_(x[i]);
    }

    double AdamStep(Func<Tensor> loss)
    {
        var (g, f) = Autodiff.Gradient(loss, ps);
        double b1 = Spec.Beta1, b2 = Spec.Beta2;
        double c1 = 1 - Math.Pow(b1, steps), c2 = 1 - Math.Pow(b2, steps);
        using (no_grad())
        {
            for (int i = 0; i < ps.Length; i++)
            {
                adamM![i].mul_(b1).add_(g[i], alpha: 1 - b1);
                adamV![i].mul_(b2).addcmul_(g[i], g[i], value: 1 - b2);
                var denom = adamV[i].div(c2).sqrt_().add_(Spec.Epsilon); // √v̂ + ε
                var step = adamM[i].div(c1).div_(denom);
                velocity[i].copy_(step).mul_(-Spec.LearningRate);
                ps[i].add_(velocity[i]);
            }
        }
        return f.to_type(ScalarType.Float64).item<double>();
    }

    /// <summary>
    /// Adam's diagonal preconditioner P = √v̂ + ε at the last step, one tensor per parameter
    /// (fresh copies), for freezing: the linearisation is δ⁺ = (I − αP⁻¹H)δ. Null for other rules.
    /// </summary>
    public Tensor[]? AdamPreconditioner()
    {
        if (adamV == null || steps == 0) return null;
        double c2 = 1 - Math.Pow(Spec.Beta2, steps);
        using (no_grad()) return adamV.Select(v => v.div(c2).sqrt_().add_(Spec.Epsilon)).ToArray();
    }

    public void Dispose()
    {
        foreach (var t in velocity) t.Dispose();
        if (adamM != null) foreach (var t in adamM) t.Dispose();
        if (adamV != null) foreach (var t in adamV) t.Dispose();
    }
}
