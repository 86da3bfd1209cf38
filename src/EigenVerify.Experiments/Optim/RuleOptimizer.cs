using EigenVerify.Symbolic;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Optim;

/// <summary>
/// Runs a rule's lowered program (<see cref="RuleLowering"/>) as an optimizer: grad(v) is the
/// minibatch gradient by autograd with the parameters set to v, hess(v, w) the Hessian-vector
/// product by double backward there, precond the diagonal P of <see cref="PreconditionerSettings"/>,
/// norm and dot reductions in float64, and every scalar coefficient a double computed once per
/// step. All instructions read the state as it was at the start of the step; then every state
/// vector takes its new value at once. Vectors are lists of tensors shaped like the parameters.
/// </summary>
public sealed class RuleOptimizer : ITrainingStep
{
    readonly Tensor[] ps;
    readonly RuleProgram program;
    readonly double[] hyperparameters;
    readonly PreconditionerSettings? settings;
    /// <summary>State vectors 1 … k−1 (the iterate, state 0, is the parameters themselves).</summary>
    readonly Tensor[][] state;
    readonly Tensor[]? secondMoment;
    /// <summary>Does the program evaluate the loss anywhere but at the iterate? Then x is copied
    /// aside each step and the parameters serve as the evaluation point.</summary>
    readonly bool movesParameters;
    /// <summary>The Combine that computes x⁺ when it can run in place on the parameters at the end
    /// of the step (x⁺ = c·x + Σ cᵢvᵢ, read by nothing else; x in one term; x never copied
    /// aside), as the hand-written optimizer updates x; else -1.</summary>
    readonly int inPlaceUpdate = -1;
    long steps;

    public RuleProgram Program => program;
    public IReadOnlyList<Tensor> Parameters => ps;
    public long Steps => steps;

    /// <param name="parameters">The model's parameters: the iterate x.</param>
    /// <param name="program">The lowered rule.</param>
    /// <param name="hyperparameters">Values of <see cref="RuleProgram.Parameters"/> in their order.</param>
    /// <param name="preconditioner">What precond stands for; required exactly when the rule uses it.</param>
    public RuleOptimizer(IEnumerable<Tensor> parameters, RuleProgram program, IReadOnlyList<double> hyperparameters, PreconditionerSettings? preconditioner = null)
    {
        ps = parameters.ToArray();
        this.program = program;
        this.hyperparameters = hyperparameters.ToArray();
        if (this.hyperparameters.Length != program.Parameters.Length)
            throw new ExperimentException($"rule {program.Name} takes {program.Parameters.Length} hyperparameters ({string.Join(", ", program.Parameters)}), not {this.hyperparameters.Length}");
        if (program.UsesPreconditioner && preconditioner is null)
            throw new ExperimentException($"rule {program.Name} uses precond(...) at {program.PreconditionerAt} but no preconditioner settings were given");
        settings = program.UsesPreconditioner ? preconditioner!.Validated() : null;
        movesParameters = program.Instructions.Any(i => (i.Op == RuleOp.Grad || i.Op == RuleOp.Hvp) && i.A != 0);
        if (!movesParameters)
        {
            int target = program.Updates[0];
            int k = Array.FindIndex(program.Instructions, i => i.Op == RuleOp.Combine && i.Target == target);
            bool readElsewhere = program.Instructions.Any(i => VectorsRead(i).Contains(target)) || program.Updates.Skip(1).Contains(target);
            if (k >= 0 && !readElsewhere && program.Instructions[k].Terms.Count(t => t.Vector == 0) == 1) inPlaceUpdate = k;
        }
        using var _ = no_grad();
        state = new Tensor[program.State.Length][];
        for (int s = 1; s < state.Length; s++)
            state[s] = ps.Select(p => program.Starts[s] == StateStart.Iterate ? p.detach().clone() : torch.zeros_like(p)).ToArray();
        if (settings != null) secondMoment = ps.Select(p => torch.zeros_like(p)).ToArray();
    }

    /// <summary>The state vector named <paramref name="name"/> (x is the parameters).</summary>
    public IReadOnlyList<Tensor> State(string name)
    {
        int s = Array.IndexOf(program.State, name);
        if (s < 0) throw new ArgumentException($"rule {program.Name} has no state '{name}'", nameof(name));
        return s == 0 ? ps : state[s];
    }

    /// <summary>P = √v̂ + ε per parameter at the last step (fresh copies, for freezing); null when
    /// the rule does not precondition or no step was taken.</summary>
    public Tensor[]? Preconditioner()
    {
        if (secondMoment == null || steps == 0) return null;
        using (no_grad()) return secondMoment.Select(Denominator).ToArray();
    }

    Tensor Denominator(Tensor v)
    {
        var s = settings!;
        var vhat = s.Accumulation == SecondMoment.Ema && s.BiasCorrection ? v.div(1 - Math.Pow(s.Beta2, steps)) : v;
        return vhat.sqrt().add_(s.Epsilon);
    }

    public double Step(Func<Tensor> loss)
    {
        using var scope = NewDisposeScope();
        steps++;
        var vectors = new Tensor[program.VectorRegisters][];
        var scalars = new double[program.ScalarRegisters];
        using (no_grad()) vectors[0] = movesParameters ? ps.Select(p => p.detach().clone()).ToArray() : ps;
        for (int s = 1; s < state.Length; s++) vectors[s] = state[s];
        int loaded = 0; // the register whose value the parameters hold
        double firstLoss = double.NaN;

        void Load(int register)
        {
            if (loaded == register) return;
            using (no_grad()) for (int i = 0; i < ps.Length; i++) ps[i].copy_(vectors[register][i]);
            loaded = register;
        }

        Tensor[] GradientAt(int register)
        {
            Load(register);
            var (g, f) = Autodiff.Gradient(loss, ps);
            if (double.IsNaN(firstLoss)) firstLoss = f.to_type(ScalarType.Float64).item<double>();
            return g;
        }

        Tensor[]? denominators = null;
        if (settings != null)
        {
            // P is updated with this step's gradient at the iterate before any precond uses it.
            var g = program.IterateGradient >= 0 ? vectors[program.IterateGradient] = GradientAt(0) : GradientAt(0);
            using (no_grad())
            {
                for (int i = 0; i < ps.Length; i++)
                {
                    if (settings.Accumulation == SecondMoment.Ema) secondMoment![i].mul_(settings.Beta2).addcmul_(g[i], g[i], value: 1 - settings.Beta2);
                    else secondMoment![i].addcmul_(g[i], g[i], value: 1);
                }
                denominators = secondMoment!.Select(Denominator).ToArray();
            }
        }

        for (int k = 0; k < program.Instructions.Length; k++)
        {
            if (k == inPlaceUpdate) continue; // applied to the parameters at the end
            var ins = program.Instructions[k];
            switch (ins.Op)
            {
                case RuleOp.Grad:
                    if (vectors[ins.Target] == null) vectors[ins.Target] = GradientAt(ins.A);
                    break;
                case RuleOp.Hvp:
                    Load(ins.A);
                    vectors[ins.Target] = Autodiff.HessianVectorProduct(loss, ps, vectors[ins.B]);
                    break;
                case RuleOp.Precond:
                    using (no_grad()) vectors[ins.Target] = vectors[ins.A].Zip(denominators!, (v, p) => v.div(p)).ToArray();
                    break;
                case RuleOp.Combine:
                    using (no_grad()) vectors[ins.Target] = Combine(ins.Terms, vectors, scalars);
                    break;
                case RuleOp.Constant: scalars[ins.Target] = ins.Value; break;
                case RuleOp.Param: scalars[ins.Target] = hyperparameters[ins.A]; break;
                case RuleOp.Norm: scalars[ins.Target] = Autodiff.Norm(vectors[ins.A]); break;
                case RuleOp.Dot: scalars[ins.Target] = Dot(vectors[ins.A], vectors[ins.B]); break;
                case RuleOp.Add: scalars[ins.Target] = scalars[ins.A] + scalars[ins.B]; break;
                case RuleOp.Sub: scalars[ins.Target] = scalars[ins.A] - scalars[ins.B]; break;
                case RuleOp.Mul: scalars[ins.Target] = scalars[ins.A] * scalars[ins.B]; break;
                case RuleOp.Div: scalars[ins.Target] = scalars[ins.A] / scalars[ins.B]; break;
                case RuleOp.Neg: scalars[ins.Target] = -scalars[ins.A]; break;
                case RuleOp.Pow: scalars[ins.Target] = Math.Pow(scalars[ins.A], ins.Exponent); break;
                default: throw new InvalidOperationException($"rule {program.Name}: unknown instruction {ins.Op} ({ins.Text})");
            }
        }

        using (no_grad())
        {
            // Read every new value before writing any: an update may name another state vector
            // (x_prev' = x), and the parameters are state 0.
            var next = new Tensor[state.Length][];
            for (int s = 1; s < state.Length; s++)
            {
                int r = program.Updates[s];
                // a state register is overwritten below: keep its old value
                next[s] = r < state.Length ? vectors[r].Select(t => t.detach().clone()).ToArray() : vectors[r];
            }
            if (inPlaceUpdate >= 0) UpdateInPlace(program.Instructions[inPlaceUpdate].Terms, vectors, scalars);
            else
            {
                var x = vectors[program.Updates[0]];
                if (!ReferenceEquals(x, ps)) for (int i = 0; i < ps.Length; i++) ps[i].copy_(x[i]);
            }
            for (int s = 1; s < state.Length; s++)
                for (int i = 0; i < ps.Length; i++) state[s][i].copy_(next[s][i]);
        }
        return firstLoss;
    }

    /// <summary>Σ cᵢ·vᵢ, the first term scaled, the others added with their coefficient as alpha
    /// (as the hand-written optimizer adds −α·d).</summary>
    static Tensor[] Combine(LinearTerm[] terms, Tensor[][] vectors, double[] scalars)
    {
        var first = terms[0];
        var v0 = vectors[first.Vector];
        var result = first.Coefficient < 0 ? v0.Select(t => t.clone()).ToArray() : v0.Select(t => t.mul(scalars[first.Coefficient])).ToArray();
        for (int k = 1; k < terms.Length; k++)
        {
            var v = vectors[terms[k].Vector];
            double c = terms[k].Coefficient < 0 ? 1.0 : scalars[terms[k].Coefficient];
            for (int i = 0; i < result.Length; i++) result[i].add_(v[i], alpha: c);
        }
        return result;
    }

    static IEnumerable<int> VectorsRead(RuleInstruction i) => i.Op switch
    {
        RuleOp.Grad or RuleOp.Precond or RuleOp.Norm => [i.A],
        RuleOp.Hvp or RuleOp.Dot => [i.A, i.B],
        RuleOp.Combine => i.Terms.Select(t => t.Vector),
        _ => [],
    };

    /// <summary>x ← c·x + Σ cᵢvᵢ on the parameters (x is register 0, in exactly one term).</summary>
    void UpdateInPlace(LinearTerm[] terms, Tensor[][] vectors, double[] scalars)
    {
        var own = terms.First(t => t.Vector == 0);
        if (own.Coefficient >= 0) foreach (var p in ps) p.mul_(scalars[own.Coefficient]);
        foreach (var t in terms)
        {
            if (t.Vector == 0) continue;
            double c = t.Coefficient < 0 ? 1.0 : scalars[t.Coefficient];
            for (int i = 0; i < ps.Length; i++) ps[i].add_(vectors[t.Vector][i], alpha: c);
        }
    }

    static double Dot(Tensor[] a, Tensor[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i].to_type(ScalarType.Float64).mul(b[i].to_type(ScalarType.Float64)).sum().item<double>();
        return s;
    }

    public void Dispose()
    {
        for (int s = 1; s < state.Length; s++) foreach (var t in state[s]) t.Dispose();
        if (secondMoment != null) foreach (var t in secondMoment) t.Dispose();
    }
}
