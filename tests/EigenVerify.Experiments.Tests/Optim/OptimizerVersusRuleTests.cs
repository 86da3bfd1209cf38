using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Tests.Support;
using EigenVerify.Symbolic;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests.Optim;

/// <summary>
/// Every optimizer the trainer supports, stepped by <see cref="TrainingOptimizer"/> on a torch
/// "model" whose loss is a small float64 quadratic, against the F# core's compiled rule
/// (<c>StepCompiler.compile</c>) for the same loss written as an exact <see cref="Loss"/>, from
/// the same start and hyperparameters. The rule is the definition (the catalog's update as the
/// paper states it); the trainer must reproduce it.
/// </summary>
public class OptimizerVersusRuleTests
{
    // Both sides compute in float64 from the same dyadic data (every coefficient below is exact in
    // binary). They differ only in the order of roundings: torch's matrix–vector sums and its
    // velocity update v⁺ = βv − αd against the rule's x − x₋ and its unrolled, inlined derivatives.
    // Each step rounds a few dozen O(1) numbers (|x|, |∇f| ≲ 3 here) by 2⁻⁵³ ≈ 1.1e-16; over five
    // steps of a map whose Jacobian has norm ≲ 2 (α‖A‖ ≈ 0.4, β = 0.9) that grows to ~1e-14.
    // (Measured: the largest difference is one ulp, ≈ 1.1e-16.) 1e-10 leaves four orders of margin over that bound and is seven below the smallest gap between two
    // different rules' trajectories here (above 1e-3; the guard test asserts > 1e-6).
    const double Tol = 1e-10;
    const int Steps = 5;

    /// <summary>
    /// The trainer's optimizer names (config words) → the catalog rule that defines each. A
    /// combination missing here, or a name the catalog lacks, fails
    /// <see cref="Every_trainer_optimizer_has_a_rule_that_loads"/>.
    /// </summary>
    static readonly (string Optimizer, string Momentum, string RuleName)[] Table =
    [
        ("sgd", "none", "gd"),
        ("sgd", "heavy-ball", "heavy-ball"),
        ("sgd", "nesterov", "nesterov"),
        ("sam", "none", "sam"),
        ("sam", "heavy-ball", "sam-hb"),
        ("sam", "nesterov", "sam-nesterov"),
        ("usam", "none", "usam"),
        ("usam", "heavy-ball", "usam-hb"),
        ("usam", "nesterov", "usam-nesterov"),
        ("usam2", "none", "two-step-usam"),
        ("usam2", "heavy-ball", "two-step-usam-hb"),
        ("usam2", "nesterov", "two-step-usam-nesterov"),
        ("hessian-usam", "none", "hessian-usam"),
        ("hessian-usam", "heavy-ball", "hessian-usam-hb"),
        ("hessian-usam", "nesterov", "hessian-usam-nesterov"),
        // Adam ignores the momentum setting (its β₁ is its momentum). Its preconditioner is not
        // frozen in training, so only its first step coincides with adam-frozen: see the Adam test.
        ("adam", "none", "adam-frozen"),
    ];

    static string RuleNameFor(OptimizerKind kind, Momentum momentum)
    {
        var hits = Table.Where(t => OptimizerSpec.ParseKind(t.Optimizer) == kind && OptimizerSpec.ParseMomentum(t.Momentum) == momentum).ToList();
        Assert.True(hits.Count == 1, $"the table maps {OptimizerSpec.KindName(kind)} with momentum {momentum} to {hits.Count} rules, not one");
        return hits[0].RuleName;
    }

    static OptimizerModel LoadRule(string name)
    {
        Assert.True(Catalog.names.Contains(name), $"rule '{name}' is not in the core's catalog");
        return Catalog.load(name);
    }

    // ---- the loss, written once for each side -------------------------------------------------
    // f(x) = q·¼Σxᵢ⁴ + ½xᵀAx − bᵀx in four variables; A symmetric, not diagonal, positive definite
    // (eigenvalues ≈ 0.6 … 4.0). q = 0 is the quadratic; q = 1 gives a Hessian that varies with x,
    // which tells ∇²f(x) from ∇²f at a perturbed point (Hessian USAM) — a quadratic cannot.
    static readonly double[,] A =
    {
        { 3, 1, 0, -0.5 },
        { 1, 2, 0.5, 0 },
        { 0, 0.5, 1.5, 0.25 },
        { -0.5, 0, 0.25, 1 },
    };
    static readonly double[] B = [1, -1, 0.5, 0.25];
    static readonly double[] X0 = [0.3, -0.2, 0.7, -0.4];
    const int N = 4;

    /// <summary>A multiple of 1/4 as exact rule text, e.g. (-2/4).</summary>
    static string Exact(double v)
    {
        Assert.True(v * 4 == Math.Round(v * 4), $"{v} is not a multiple of 1/4");
        return $"({(long)(v * 4)}/4)";
    }

    static Loss RuleLoss(double q, bool linearTerm = true)
    {
        var terms = new List<string>();
        if (q != 0) terms.Add($"{Exact(q)}/4*({string.Join(" + ", Enumerable.Range(1, N).Select(i => $"x{i}^4"))})");
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                if (A[i, j] != 0) terms.Add($"(1/2)*{Exact(A[i, j])}*x{i + 1}*x{j + 1}");
        if (linearTerm)
            for (int i = 0; i < N; i++) terms.Add($"{Exact(-B[i])}*x{i + 1}");
        var body = Infix.Parse(string.Join(" + ", terms));
        Assert.True(body.IsOk, body.IsError ? body.ErrorValue.ToString() : "");
        return new Loss(N, FSharpList<Tuple<string, Expr>>.Empty, body.ResultValue);
    }

    static Func<Tensor> TorchLoss(TorchSharp.Modules.Parameter x, double q) => new Quartic(A, B, q).TorchLoss(x);

    // ---- the two sides ----------------------------------------------------------------------------
    static OptimizerSpec Spec(OptimizerKind k, Momentum m, double rho) => new()
    {
        Kind = k,
        Momentum = m,
        LearningRate = 0.1,
        Rho = rho,
        Beta = m == Momentum.None ? 0 : 0.9,
    };

    /// <summary>Iterates x and the velocity x − x₋ after each trainer step.</summary>
    static List<(double[] X, double[] V)> TrainerTrajectory(OptimizerSpec s, double q, int steps)
    {
        var x = Quartic.Parameter(X0);
        var loss = TorchLoss(x, q);
        using var opt = new TrainingOptimizer([x], s);
        var xs = new List<(double[], double[])>();
        for (int k = 0; k < steps; k++)
        {
            opt.Step(loss);
            xs.Add((x.data<double>().ToArray(), opt.Velocity[0].data<double>().ToArray()));
        }
        return xs;
    }

    static FSharpMap<string, double> Values(OptimizerSpec s) =>
        new([Tuple.Create("alpha", s.LearningRate), Tuple.Create("beta", s.Beta), Tuple.Create("rho", s.Rho), Tuple.Create("beta1", s.Beta1)]);

    /// <summary>The compiled rule's states after each step, from x = X0 and every other state
    /// vector at the trainer's initial value (x₋ = x: zero velocity; m = 0).</summary>
    static List<double[][]> RuleTrajectory(OptimizerModel m, OptimizerSpec s, double q, int steps, double[]? precond = null)
    {
        var c = CompiledLossModule.prepare(RuleLoss(q));
        var step = StepCompiler.compile(m, c);
        var theta = StepCompiler.theta(m, Values(s), precond ?? Enumerable.Repeat(1.0, N).ToArray());
        var state = m.State.SelectMany(name => name switch
        {
            "x" or "x_prev" => X0,
            "m" => new double[N],
            _ => throw new InvalidOperationException($"rule {m.Name}: no trainer counterpart for state '{name}'"),
        }).ToArray();
        var states = new List<double[][]>();
        for (int k = 0; k < steps; k++)
        {
            var next = new double[state.Length];
            step.Invoke(state, next, theta);
            state = next;
            states.Add(state.Chunk(N).ToArray());
        }
        return states;
    }

    static void AssertClose(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < N; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tol,
                $"{what}, coordinate {i}: rule {expected[i]:R}, trainer {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):E2})");
    }

    // ---- the tests --------------------------------------------------------------------------------
    public static TheoryData<OptimizerKind, Momentum> TrainerOptimizers()
    {
        var d = new TheoryData<OptimizerKind, Momentum>();
        foreach (var r in Enum.GetValues<OptimizerKind>().Where(r => r != OptimizerKind.Adam))
            foreach (var m in Enum.GetValues<Momentum>())
                d.Add(r, m);
        return d;
    }

    [Fact]
    public void Every_trainer_optimizer_has_a_rule_that_loads()
    {
        foreach (var r in Enum.GetValues<OptimizerKind>())
            foreach (var m in r == OptimizerKind.Adam ? [Momentum.None] : Enum.GetValues<Momentum>())
            {
                var name = RuleNameFor(r, m);
                Assert.Equal(name, LoadRule(name).Name);
                // The regions the sweeps report come from CatalogQuery: it must name the same rule.
                var spec = Spec(r, m, 0.05);
                Assert.Equal(name, CatalogQuery.ForOptimizer(spec).Optimizer);
            }
        // and the table names only what the trainer parses
        foreach (var t in Table)
        {
            OptimizerSpec.ParseKind(t.Optimizer);
            OptimizerSpec.ParseMomentum(t.Momentum);
        }
    }

    [Theory]
    [MemberData(nameof(TrainerOptimizers))]
    public void Steps_on_a_quadratic_match_the_compiled_rule(OptimizerKind kind, Momentum momentum) =>
        AssertTrajectoriesAgree(Spec(kind, momentum, 0.05), 0);

    [Theory]
    [MemberData(nameof(TrainerOptimizers))]
    public void Steps_on_a_quartic_with_varying_Hessian_match_the_compiled_rule(OptimizerKind kind, Momentum momentum) =>
        AssertTrajectoriesAgree(Spec(kind, momentum, 0.1), 1);

    static void AssertTrajectoriesAgree(OptimizerSpec s, double q)
    {
        var m = LoadRule(RuleNameFor(s.Kind, s.Momentum));
        var rule = RuleTrajectory(m, s, q, Steps);
        var trainer = TrainerTrajectory(s, q, Steps);
        for (int k = 0; k < Steps; k++)
        {
            // Tol's argument assumes O(1) iterates: a diverging run would compare rounding noise.
            Assert.True(rule[k][0].All(v => Math.Abs(v) < 3), $"{m.Name} leaves the unit scale at step {k + 1}: {string.Join(", ", rule[k][0])}");
            AssertClose(rule[k][0], trainer[k].X, $"{m.Name}, x after step {k + 1}");
            // The momentum buffer: the trainer keeps v = x − x₋, the rule keeps x₋ itself.
            if (m.State.Contains("x_prev"))
            {
                var v = rule[k][0].Zip(rule[k][m.State.ToList().IndexOf("x_prev")], (a, b) => a - b).ToArray();
                AssertClose(v, trainer[k].V, $"{m.Name}, x − x₋ after step {k + 1}");
            }
        }
    }

    [Fact]
    public void Each_trainer_optimizer_is_far_from_every_other_optimizers_rule()
    {
        // Guards the tests above against passing vacuously: a trainer wired to the wrong rule must
        // miss by far more than Tol. Three steps, so momentum shows (x₋ = x at the start makes the
        // first step momentum-free); the quartic, so Hessian USAM's Hessian point shows.
        const int steps = 3;
        var rows = TrainerOptimizers().Select(row => ((OptimizerKind)row[0], (Momentum)row[1])).ToList();
        var ruleEnds = rows.ToDictionary(p => p, p =>
        {
            var s = Spec(p.Item1, p.Item2, 0.1);
            return RuleTrajectory(LoadRule(RuleNameFor(p.Item1, p.Item2)), s, 1, steps)[steps - 1][0];
        });
        foreach (var p in rows)
        {
            var trainerEnd = TrainerTrajectory(Spec(p.Item1, p.Item2, 0.1), 1, steps)[steps - 1].X;
            foreach (var other in rows.Where(o => o != p))
                Assert.True(Quartic.MaxGap(ruleEnds[other], trainerEnd) > 1e-6,
                    $"the trainer's {p} lands within 1e-6 of the rule {RuleNameFor(other.Item1, other.Item2)}");
        }
    }

    [Fact]
    public void Adam_s_first_step_is_adam_frozen_with_its_preconditioner_and_the_bias_corrected_rate()
    {
        // Adam's preconditioner P_t = √v̂_t + ε changes every step in training, and its m is an EMA
        // of raw gradients divided by P_t and by the bias correction 1 − β₁ᵗ only when used; the
        // rule freezes P and keeps m as an EMA of P⁻¹∇f with no bias correction. The two coincide
        // exactly on the first step only: from m = 0, Adam moves by −α·∇f/P₁, adam-frozen with P = P₁
        // by −α′(1 − β₁)P₁⁻¹∇f, equal for α′ = α/(1 − β₁). From the second step on P₂ ≠ P₁ and the
        // bias factor 1/(1 − β₁²) ≠ 1/(1 − β₁) — no fixed (α′, P) reproduces a training run; they
        // agree only in the limit (P converges, 1 − β₁ᵗ → 1), which is what the region query uses.
        // The trainer cannot be given a fixed P, so later steps stay with the hand-computed Adam
        // test in OptimizerTests.
        var s = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.05, Beta1 = 0.9, Beta2 = 0.99, Epsilon = 1e-8 };
        var x = Quartic.Parameter(X0);
        using var opt = new TrainingOptimizer([x], s);
        opt.Step(TorchLoss(x, 0));
        var p = opt.AdamPreconditioner()![0].data<double>().ToArray();

        var m = LoadRule(RuleNameFor(OptimizerKind.Adam, Momentum.None));
        var rule = RuleTrajectory(m, s with { LearningRate = s.LearningRate / (1 - s.Beta1) }, 0, 1, p)[0];
        AssertClose(rule[0], x.data<double>().ToArray(), "adam-frozen, x after step 1");
    }

    [Fact]
    public void At_an_exact_critical_point_the_sam_rule_is_undefined_and_the_trainer_stays_put()
    {
        // The one place SAM's trainer and rule differ. The paper and the catalog define SAM's
        // perturbation as ρ∇f/‖∇f‖ with no ε in the norm (the trainer has none either), so at
        // ∇f(x) = 0 the rule's step is 0/0 — not a number. The trainer takes d = ∇f(x) = 0 there
        // and stays put, the continuous choice along the ray and the one every SAM code makes.
        // The rule's step at a critical point is never used (regions come from the linearization,
        // which the catalog marks unavailable for SAM: not C¹ there).
        // f = ½xᵀAx, without −bᵀx, so that ∇f(0) = 0 exactly in floating point.
        var xstar = new double[N];
        var s = Spec(OptimizerKind.Sam, Momentum.None, 0.05);
        var m = LoadRule(RuleNameFor(OptimizerKind.Sam, Momentum.None));
        var c = CompiledLossModule.prepare(RuleLoss(0, linearTerm: false));
        var next = new double[N];
        StepCompiler.compile(m, c).Invoke(xstar, next, StepCompiler.theta(m, Values(s), Enumerable.Repeat(1.0, N).ToArray()));
        Assert.All(next, v => Assert.True(double.IsNaN(v), $"rule step {v} at ∇f = 0"));

        var x = Quartic.Parameter(xstar);
        using var opt = new TrainingOptimizer([x], s);
        opt.Step(new Quartic(A, new double[N], 0).TorchLoss(x));
        Assert.Equal(xstar, x.data<double>().ToArray());
    }
}
