using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Tests.Support;
using EigenVerify.Symbolic;
using Microsoft.FSharp.Core;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Optim;

/// <summary>
/// The rule path (a rule lowered by <see cref="RuleLowering"/>, run by <see cref="RuleOptimizer"/>)
/// against the hand-written <see cref="TrainingOptimizer"/> step for step on a small float64 MLP,
/// against hand-written second-moment optimizers for the preconditioned rules, and against
/// iterates known by hand on quadratics; and the refusals.
/// </summary>
public class RuleOptimizerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // Both paths compute in float64 from the same weights and batches; they differ only in the
    // order of roundings (the rule's x + β(x − x₋) against the trainer's velocity v⁺ = βv − αd,
    // and the rule's linear combinations against fused updates). Each step rounds O(1) numbers by
    // 2⁻⁵³ ≈ 1.1e-16; a few steps of a map with Jacobian norm ≲ 2 keep that far below 1e-12.
    // 1e-10 leaves two orders of margin, and the guard test shows that a wrong rule misses by > 1e-6.
    const double Tol = 1e-10;
    const int Steps = 4;
    const string Values = "alpha=0.1,beta=0.9,rho=0.05,beta1=0.9";

    /// <summary>Each hand-written optimizer and the rule it implements (catalog, or the
    /// experiments' rules folder for the momentum variants the catalog lacks).</summary>
    public static TheoryData<string, string, string> Pairs() => new()
    {
        { "sgd", "none", "gd" },
        { "sgd", "heavy-ball", "heavy-ball" },
        { "sgd", "nesterov", "nesterov" },
        { "sam", "none", "sam" },
        { "sam", "heavy-ball", "sam-hb" },
        { "sam", "nesterov", "sam-nesterov" },
        { "usam", "none", "usam" },
        { "usam", "heavy-ball", "usam-hb" },
        { "usam", "nesterov", "usam-nesterov" },
        { "usam2", "none", "two-step-usam" },
        { "usam2", "heavy-ball", "two-step-usam-hb" },
        { "usam2", "nesterov", "two-step-usam-nesterov" },
        { "hessian-usam", "none", "hessian-usam" },
        { "hessian-usam", "heavy-ball", "hessian-usam-hb" },
        { "hessian-usam", "nesterov", "hessian-usam-nesterov" },
    };

    internal static RuleSource Source(string name)
    {
        // every rule compared here is in the catalog (the momentum versions of the SAM family too)
        Assert.Contains(name, Catalog.names);
        var read = RuleSourceModule.Read(FSharpOption<string>.Some(name), FSharpOption<string>.None);
        Assert.True(read.IsOk, read.IsError ? RuleSourceModule.Message(read.ErrorValue) : "");
        return read.ResultValue;
    }

    internal static RuleProgram Program(string name)
    {
        var lowered = RuleLowering.Lower(Source(name));
        Assert.True(lowered.IsOk, lowered.IsError ? lowered.ErrorValue.ToString() : "");
        return lowered.ResultValue;
    }

    static double[] Bind(RuleSource source, string values)
    {
        // only the hyperparameters the rule declares
        var mine = string.Join(",", values.Split(',').Where(kv => source.Model.Params.Any(p => p.Name == kv.Split('=')[0])));
        var bound = RuleLowering.BindParameters(source.Model, mine);
        Assert.True(bound.IsOk, bound.IsError ? bound.ErrorValue : "");
        return bound.ResultValue.Values;
    }

    // ---- a small float64 MLP and fixed minibatches ---------------------------------------------
    static nn.Module<Tensor, Tensor> Network()
    {
        TorchRuntime.Seed(7, 1);
        // tanh: a smooth network, so Hessian USAM's Hessian depends on the point
        return new Mlp(12, [10], 4, "tanh").to(ScalarType.Float64);
    }

    static List<(Tensor X, Tensor Y)> Batches()
    {
        var g = new Generator(11);
        return Enumerable.Range(0, Steps).Select(_ => (torch.randn([16, 12], dtype: ScalarType.Float64, generator: g), torch.randint(0, 4, [16], generator: g))).ToList();
    }

    static double[] Flat(nn.Module<Tensor, Tensor> m) =>
        m.parameters().SelectMany(p => p.detach().cpu().data<double>().ToArray()).ToArray();

    /// <summary>Parameters after each step of an optimizer made on the network's parameters.</summary>
    static List<double[]> Trajectory(Func<IEnumerable<Tensor>, ITrainingStep> make)
    {
        using var net = Network();
        using var opt = make(net.parameters());
        var xs = new List<double[]>();
        foreach (var (x, y) in Batches())
        {
            opt.Step(() => nn.functional.cross_entropy(net.forward(x), y));
            xs.Add(Flat(net));
        }
        return xs;
    }

    static double MaxGap(double[] a, double[] b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Max();

    static List<double[]> RuleTrajectory(string rule, string values = Values, PreconditionerSettings? settings = null)
    {
        var source = Source(rule);
        var program = Program(rule);
        var hp = Bind(source, values);
        return Trajectory(ps => new RuleOptimizer(ps, program, hp, settings));
    }

    static OptimizerSpec Spec(string optimizer, string momentum) => new()
    {
        Kind = OptimizerSpec.ParseKind(optimizer),
        Momentum = OptimizerSpec.ParseMomentum(momentum),
        LearningRate = 0.1,
        Beta = momentum == "none" ? 0 : 0.9,
        Rho = 0.05,
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_rule_path_matches_the_hand_written_optimizer_step_for_step_on_an_MLP(string optimizer, string momentum, string rule)
    {
        var hand = Trajectory(ps => new TrainingOptimizer(ps, Spec(optimizer, momentum)));
        var mine = RuleTrajectory(rule);
        var start = Trajectory(ps => new RuleOptimizer(ps, Program("gd"), [0.0]))[0]; // α = 0: the initial weights
        output.WriteLine($"{rule} vs {optimizer}/{momentum}: largest difference {Enumerable.Range(0, Steps).Max(k => MaxGap(hand[k], mine[k])):E2} over {Steps} steps");
        for (int k = 0; k < Steps; k++)
        {
            // each step moves the weights by far more than Tol, so agreement is not the start's
            Assert.True(MaxGap(hand[k], start) > 1e-4, $"{rule}: step {k + 1} barely moved");
            var gap = MaxGap(hand[k], mine[k]);
            Assert.True(gap <= Tol, $"{rule} vs {optimizer}/{momentum}: parameters differ by {gap:E2} after step {k + 1}");
        }
    }

    [Fact]
    public void A_rule_path_with_the_wrong_rule_misses_by_far_more_than_the_tolerance()
    {
        // Guards the test above: neighbouring rules must be told apart (momentum shows from step 2,
        // since x₋ = x at the start).
        var hand = Trajectory(ps => new TrainingOptimizer(ps, Spec("sgd", "heavy-ball")));
        foreach (var other in new[] { "gd", "nesterov", "usam-hb" })
            Assert.True(MaxGap(hand[Steps - 1], RuleTrajectory(other)[Steps - 1]) > 1e-6, $"heavy ball lands within 1e-6 of {other}");
    }

    // ---- preconditioned rules against hand-written second-moment optimizers --------------------
    /// <summary>x, m and v stepped by explicit tensor formulas: RMSprop/AdaGrad
    /// x ← x − αg/P, and the EMA-of-preconditioned-gradients form of adam-frozen
    /// m ← β₁m + (1 − β₁)g/P, x ← x − αm; P = √v̂ + ε after this step's v update.</summary>
    sealed class HandPreconditioned(IEnumerable<Tensor> parameters, PreconditionerSettings s, double alpha, double? beta1) : ITrainingStep
    {
        readonly Tensor[] ps = parameters.ToArray();
        Tensor[]? v, m;
        int t;

        public double Step(Func<Tensor> loss)
        {
            t++;
            var f = loss();
            var g = torch.autograd.grad([f], ps);
            using var _ = no_grad();
            v ??= ps.Select(p => torch.zeros_like(p)).ToArray();
            m ??= ps.Select(p => torch.zeros_like(p)).ToArray();
            for (int i = 0; i < ps.Length; i++)
            {
                v[i] = s.Accumulation == SecondMoment.Ema ? s.Beta2 * v[i] + (1 - s.Beta2) * g[i] * g[i] : v[i] + g[i] * g[i];
                var vhat = s.Accumulation == SecondMoment.Ema && s.BiasCorrection ? v[i] / (1 - Math.Pow(s.Beta2, t)) : v[i];
                var p = vhat.sqrt() + s.Epsilon;
                if (beta1 is double b1)
                {
                    m[i] = b1 * m[i] + (1 - b1) * (g[i] / p);
                    ps[i].sub_(alpha * m[i]);
                }
                else ps[i].sub_(alpha * (g[i] / p));
            }
            return f.item<double>();
        }

        public void Dispose() { }
    }

    [Theory]
    [InlineData("rmsprop-frozen", "ema", true)]
    [InlineData("rmsprop-frozen", "ema", false)]
    [InlineData("adam-frozen", "ema", true)]
    [InlineData("adagrad-frozen", "sum", false)]
    public void Preconditioned_rules_match_hand_written_second_moment_optimizers(string rule, string accumulation, bool bias)
    {
        var s = new PreconditionerSettings(accumulation == "sum" ? SecondMoment.Sum : SecondMoment.Ema, 0.99, 1e-8, bias);
        var hand = Trajectory(ps => new HandPreconditioned(ps, s, 0.01, rule == "adam-frozen" ? 0.9 : null));
        var mine = RuleTrajectory(rule, "alpha=0.01,beta1=0.9", s);
        output.WriteLine($"{rule} ({s.Describe()}): largest difference {Enumerable.Range(0, Steps).Max(k => MaxGap(hand[k], mine[k])):E2} over {Steps} steps");
        for (int k = 0; k < Steps; k++)
        {
            var gap = MaxGap(hand[k], mine[k]);
            Assert.True(gap <= Tol, $"{rule} ({s.Describe()}): parameters differ by {gap:E2} after step {k + 1}");
        }
        // and the settings matter: another β₂ (or no bias correction) moves the weights elsewhere
        var other = RuleTrajectory(rule, "alpha=0.01,beta1=0.9", s with { Beta2 = 0.5, BiasCorrection = !bias, Accumulation = SecondMoment.Ema });
        Assert.True(MaxGap(hand[Steps - 1], other[Steps - 1]) > 1e-6, $"{rule}: the preconditioner settings do not show");
    }

    [Fact]
    public void The_frozen_preconditioner_is_the_square_root_of_the_bias_corrected_second_moment_plus_eps()
    {
        // one step from v = 0 with bias correction: v̂ = g², so P = |g| + ε, whatever β₂
        using var net = Network();
        var (x, y) = Batches()[0];
        Tensor Loss() => nn.functional.cross_entropy(net.forward(x), y);
        var g = torch.autograd.grad([Loss()], net.parameters().ToArray()).Select(t => t.detach().abs() + 1e-8).ToArray();
        using var opt = new RuleOptimizer(net.parameters(), Program("rmsprop-frozen"), [0.01], new PreconditionerSettings(Beta2: 0.9));
        Assert.Null(opt.Preconditioner());
        opt.Step(Loss);
        var p = opt.Preconditioner()!;
        // v̂ = ((1 − β₂)g²)/(1 − β₂) rounds twice: relative error ≲ 4·2⁻⁵³ ≈ 4e-16 on |g| ≲ 1.
        for (int i = 0; i < p.Length; i++)
            Assert.True((p[i] - g[i]).abs().max().item<double>() < 1e-14, $"parameter {i}: P is not |g| + eps");
    }

    // ---- user rules on quadratics, against iterates derived by hand ------------------------------
    /// <summary>f(x) = ½·Σ hᵢxᵢ² as a torch loss on one parameter vector.</summary>
    static (Tensor X, Func<Tensor> Loss) Quadratic(double[] h, double[] x0)
    {
        var x = new TorchSharp.Modules.Parameter(torch.tensor(x0, dtype: ScalarType.Float64));
        var hs = torch.tensor(h, dtype: ScalarType.Float64);
        return (x, () => 0.5 * (hs * x * x).sum());
    }

    static RuleProgram LowerText(string text)
    {
        var parsed = Rule.Parse(text);
        Assert.True(parsed.IsOk, parsed.IsError ? parsed.ErrorValue.ToString() : "");
        var lowered = RuleLowering.Lower(new RuleSource(parsed.ResultValue.Name, text, parsed.ResultValue));
        Assert.True(lowered.IsOk, lowered.IsError ? lowered.ErrorValue.ToString() : "");
        return lowered.ResultValue;
    }

    const string TwoLag = """
        optimizer two-lag-heavy-ball
        params alpha > 0, 0 <= beta < 1, 0 <= gamma < 1
        state x, x1, x2
        x' = x - alpha*grad(x) + beta*(x - x1) + gamma*(x1 - x2)
        x1' = x
        x2' = x1
        """;

    [Fact]
    public void A_two_lag_heavy_ball_rule_follows_its_scalar_recurrence_on_a_quadratic()
    {
        // On f = ½hx² each coordinate follows x₊ = (1 − αh + β)x + (γ − β)x₁ − γx₂ with
        // x₁ = x₂ = x₀ at the start (lags start at the iterate). With α = 1/4, h ∈ {2, 1},
        // β = 1/2, γ = 1/4 and dyadic x₀ every iterate is a dyadic rational with few bits, so
        // both the recurrence and the torch run are exact: the comparison is exact equality.
        double alpha = 0.25, beta = 0.5, gamma = 0.25;
        double[] h = [2, 1], x0 = [1, -0.5];
        var (x, loss) = Quadratic(h, x0);
        using var opt = new RuleOptimizer([x], LowerText(TwoLag), [alpha, beta, gamma]);
        var expected = h.Select((hi, i) => (X: x0[i], X1: x0[i], X2: x0[i])).ToArray();
        for (int k = 0; k < 8; k++)
        {
            opt.Step(loss);
            var got = x.data<double>().ToArray();
            for (int i = 0; i < h.Length; i++)
            {
                var (xi, x1, x2) = expected[i];
                var next = (1 - alpha * h[i] + beta) * xi + (gamma - beta) * x1 - gamma * x2;
                expected[i] = (next, xi, x1);
                Assert.Equal(next, got[i]);
            }
            Assert.Equal(expected.Select(e => e.X1).ToArray(), opt.State("x1").Single().data<double>().ToArray());
            Assert.Equal(expected.Select(e => e.X2).ToArray(), opt.State("x2").Single().data<double>().ToArray());
        }
        // the iterates moved: from step 3 on the gamma lag shows
        Assert.NotEqual(x0[0], expected[0].X);
    }

    [Fact]
    public void Exact_line_search_written_with_dot_and_hess_lands_on_the_minimum_of_a_one_dimensional_quadratic()
    {
        // t = ⟨g, g⟩/⟨g, Hg⟩ = 1/h in one dimension, so x − t·g = x − x = 0 after one step; the
        // arithmetic is exact for h = 4 and x₀ = 3 (g = 12, Hg = 48, t = 1/4).
        const string text = """
            optimizer line-search
            state x
            let g = grad(x)
            x' = x - dot(g, g)/dot(g, hess(x, g))*g
            """;
        var (x, loss) = Quadratic([4], [3]);
        using var opt = new RuleOptimizer([x], LowerText(text), []);
        opt.Step(loss);
        Assert.Equal(0.0, x.data<double>()[0]);
    }

    // ---- lowering ------------------------------------------------------------------------------
    [Fact]
    public void Each_catalog_rule_lowers_with_one_instruction_per_distinct_gradient_and_Hessian_product()
    {
        // The checker counts distinct grad and hess evaluations after inlining lets: the program
        // must evaluate each exactly once (no repeated backward passes).
        foreach (var name in Catalog.names)
        {
            var m = Catalog.load(name);
            var p = Program(name);
            Assert.True(m.GradientEvaluations == p.Instructions.Count(i => i.Op == RuleOp.Grad), $"{name}: grad instructions\n{RuleLowering.Listing(p)}");
            Assert.True(m.HessianEvaluations == p.Instructions.Count(i => i.Op == RuleOp.Hvp), $"{name}: hess instructions\n{RuleLowering.Listing(p)}");
            Assert.Equal(m.UsesPreconditioner, p.UsesPreconditioner);
        }
    }

    [Fact]
    public void Lag_states_start_at_the_iterate_and_accumulators_at_zero()
    {
        Assert.Equal([StateStart.Iterate, StateStart.Iterate], Program("heavy-ball").Starts);
        Assert.Equal([StateStart.Iterate, StateStart.Zero], Program("adam-frozen").Starts);
    }

    [Fact]
    public void A_rule_that_never_evaluates_the_gradient_is_refused_at_its_update_of_x()
    {
        const string text = "optimizer drift\nparams beta > 0\nstate x, x_prev\n# no gradient anywhere\nx' = x + beta*(x - x_prev)\nx_prev' = x\n";
        var parsed = Rule.Parse(text);
        Assert.True(parsed.IsOk);
        var lowered = RuleLowering.Lower(new RuleSource("drift", text, parsed.ResultValue));
        Assert.True(lowered.IsError);
        Assert.Equal("5:1: not-trainable: rule drift never evaluates grad(...) or hess(...), so training has no loss to step on: the update of x must use the gradient", lowered.ErrorValue.ToString());
    }

    [Fact]
    public void A_preconditioned_rule_without_settings_is_refused_naming_where_it_preconditions()
    {
        var (x, _) = Quadratic([1], [1]);
        var e = Assert.Throws<ExperimentException>(() => new RuleOptimizer([x], Program("rmsprop-frozen"), [0.1]));
        // catalog/rmsprop-frozen.rule: line 8 is "x' = x - alpha*precond(grad(x))", precond at column 16
        Assert.Equal("rule rmsprop-frozen uses precond(...) at 8:16 but no preconditioner settings were given", e.Message);
    }

    [Theory]
    [InlineData("alpha=0.1", "--params: no value for beta (rule heavy-ball takes alpha=…,beta=…)")]
    [InlineData("alpha=0.1,beta=1", "--params: beta=1 is outside the rule's domain 0 <= beta < 1")]
    [InlineData("alpha=0,beta=0.5", "--params: alpha=0 is outside the rule's domain alpha > 0")]
    [InlineData("alpha=0.1,beta=0.5,rho=1", "--params: rule heavy-ball has no hyperparameter 'rho' (it has: alpha, beta)")]
    [InlineData("alpha=0.1,alpha=0.2,beta=0.5", "--params: 'alpha' is given twice")]
    [InlineData("alpha=x,beta=0.5", "--params: 'x' in 'alpha=x' is not a number")]
    [InlineData("alpha 0.1,beta=0.5", "--params: 'alpha 0.1' is not NAME=VALUE")]
    public void Bad_hyperparameters_are_refused_in_one_line_naming_the_entry(string values, string message)
    {
        var bound = RuleLowering.BindParameters(Catalog.load("heavy-ball"), values);
        Assert.True(bound.IsError);
        Assert.Equal(message, bound.ErrorValue);
    }

    [Fact]
    public void Hyperparameters_are_read_exactly_and_rounded_once()
    {
        var bound = RuleLowering.BindParameters(Catalog.load("heavy-ball"), "beta=0.9, alpha=1/10");
        Assert.True(bound.IsOk);
        Assert.Equal(["alpha", "beta"], bound.ResultValue.Names);
        Assert.Equal(["1/10", "9/10"], bound.ResultValue.Exact);
        Assert.Equal([0.1, 0.9], bound.ResultValue.Values);
        Assert.Equal("alpha=1/10,beta=9/10", bound.ResultValue.Text);
    }
}
