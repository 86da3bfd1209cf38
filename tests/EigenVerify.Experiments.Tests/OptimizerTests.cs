using EigenVerify.Experiments.Optim;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Tests;

/// <summary>
/// Each rule of PAPER.md, stepped by <see cref="TrainingOptimizer"/> in float64, against the same
/// rule written out by hand on plain double arrays (the oracle below shares no code with it).
/// </summary>
public class OptimizerTests
{
    // Float64 throughout; the two computations differ only in summation order inside torch's
    // matrix-vector products, i.e. by a few ulps of O(1) numbers amplified over three steps.
    const double Tol = 1e-10;

    static readonly double[,] A = { { 3, 1, 0 }, { 1, 2, 0.5 }, { 0, 0.5, 1 } };
    static readonly double[] B = [1, -1, 0.5];
    static readonly double[] X0 = [0.3, -0.2, 0.7];

    // ---- the hand oracle ------------------------------------------------------------------
    static double[] Add(double[] x, double[] y, double s = 1) => x.Select((v, i) => v + s * y[i]).ToArray();
    static double[] Mv(double[,] m, double[] x) => Enumerable.Range(0, x.Length).Select(i => Enumerable.Range(0, x.Length).Sum(j => m[i, j] * x[j])).ToArray();
    static double Norm(double[] x) => Math.Sqrt(x.Sum(v => v * v));

    /// <summary>f(x) = ¼Σxᵢ⁴·q + ½xᵀAx − bᵀx; q = 0 is the quadratic.</summary>
    static double[] Grad(double[] x, double q) => Add(Add(Mv(A, x), B, -1), x.Select(v => q * v * v * v).ToArray());
    static double[] HessTimes(double[] x, double[] v, double q) => Add(Mv(A, v), x.Select((xi, i) => 3 * q * xi * xi * v[i]).ToArray());
    static double F(double[] x, double q) => x.Sum(v => q * Math.Pow(v, 4) / 4) + 0.5 * x.Zip(Mv(A, x), (a, b) => a * b).Sum() - B.Zip(x, (a, b) => a * b).Sum();

    static double[] Direction(OptimizerKind kind, double rho, double[] x, double q)
    {
        var g = Grad(x, q);
        switch (kind)
        {
            case OptimizerKind.Sgd: return g;
            case OptimizerKind.Usam: return Grad(Add(x, g, rho), q);
            case OptimizerKind.Sam: return Grad(Add(x, g, rho / Norm(g)), q);
            case OptimizerKind.TwoStepUsam:
                var y = Add(x, g, rho);
                var z = Add(y, Grad(y, q), rho);
                return Grad(z, q);
            case OptimizerKind.HessianUsam:
                var u = Grad(Add(x, g, rho), q);
                return Add(u, HessTimes(x, u, q), rho);
            default: throw new ArgumentException(kind.ToString());
        }
    }

    static List<double[]> HandTrajectory(OptimizerSpec s, double q, int steps)
    {
        var xs = new List<double[]> { X0 };
        double[] x = X0, prev = X0;
        for (int k = 0; k < steps; k++)
        {
            double[] next;
            if (s.Momentum == Momentum.Nesterov)
            {
                var y = Add(x, Add(x, prev, -1), s.Beta);
                next = Add(y, Direction(s.Kind, s.Rho, y, q), -s.LearningRate);
            }
            else
            {
                double beta = s.Momentum == Momentum.HeavyBall ? s.Beta : 0;
                next = Add(Add(x, Direction(s.Kind, s.Rho, x, q), -s.LearningRate), Add(x, prev, -1), beta);
            }
            prev = x; x = next;
            xs.Add(x);
        }
        return xs;
    }

    // ---- the implementation under test ---------------------------------------------------------
    static (List<double[]> Xs, List<double> Losses) TorchTrajectory(OptimizerSpec s, double q, int steps, Func<TrainingOptimizer, double[]>? probe = null)
    {
        TorchRuntime.Preload();
        var x = new TorchSharp.Modules.Parameter(torch.tensor(X0, dtype: ScalarType.Float64));
        var a = torch.tensor(new double[] { 3, 1, 0, 1, 2, 0.5, 0, 0.5, 1 }, dtype: ScalarType.Float64).reshape(3, 3);
        var b = torch.tensor(B, dtype: ScalarType.Float64);
        Tensor Loss() => (x.pow(4).sum() * (q / 4)) + 0.5 * x.dot(a.mv(x)) - b.dot(x);
        using var opt = new TrainingOptimizer([x], s);
        var xs = new List<double[]> { x.data<double>().ToArray() };
        var losses = new List<double>();
        for (int k = 0; k < steps; k++)
        {
            losses.Add(opt.Step(Loss));
            xs.Add(x.data<double>().ToArray());
        }
        return (xs, losses);
    }

    static void AssertClose(List<double[]> expected, List<double[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
            for (int i = 0; i < expected[k].Length; i++)
                Assert.True(Math.Abs(expected[k][i] - actual[k][i]) <= Tol,
                    $"step {k}, coordinate {i}: hand {expected[k][i]:R}, torch {actual[k][i]:R}");
    }

    public static TheoryData<OptimizerKind, Momentum> AllRulesAndMomenta()
    {
        var d = new TheoryData<OptimizerKind, Momentum>();
        foreach (var r in new[] { OptimizerKind.Sgd, OptimizerKind.Sam, OptimizerKind.Usam, OptimizerKind.TwoStepUsam, OptimizerKind.HessianUsam })
            foreach (var m in new[] { Momentum.None, Momentum.HeavyBall, Momentum.Nesterov })
                d.Add(r, m);
        return d;
    }

    static OptimizerSpec Spec(OptimizerKind k, Momentum m) => new()
    {
        Kind = k,
        Momentum = m,
        LearningRate = 0.1,
        Rho = 0.05,
        Beta = m == Momentum.None ? 0 : 0.9,
    };

    [Theory]
    [MemberData(nameof(AllRulesAndMomenta))]
    public void Three_steps_on_a_quadratic_match_the_hand_computed_rule(OptimizerKind kind, Momentum momentum)
    {
        var s = Spec(kind, momentum);
        AssertClose(HandTrajectory(s, 0, 3), TorchTrajectory(s, 0, 3).Xs);
    }

    [Theory]
    [MemberData(nameof(AllRulesAndMomenta))]
    public void Three_steps_on_a_quartic_with_varying_Hessian_match_the_hand_computed_rule(OptimizerKind kind, Momentum momentum)
    {
        // A non-constant Hessian tells ∇²f(x) from ∇²f(x + ρ∇f(x)) in Hessian USAM.
        var s = Spec(kind, momentum) with { Rho = 0.2 };
        AssertClose(HandTrajectory(s, 1, 3), TorchTrajectory(s, 1, 3).Xs);
    }

    [Fact]
    public void The_reported_loss_is_f_at_the_first_point_evaluated()
    {
        var s = Spec(OptimizerKind.Usam, Momentum.HeavyBall);
        var hand = HandTrajectory(s, 0, 2);
        var (_, losses) = TorchTrajectory(s, 0, 2);
        // Same float64 arithmetic up to summation order (see Tol).
        Assert.Equal(F(hand[0], 0), losses[0], Tol);
        Assert.Equal(F(hand[1], 0), losses[1], Tol);
    }

    [Fact]
    public void The_oracle_tells_every_pair_of_rules_apart()
    {
        // Guards the tests above against passing vacuously: a wrong rule must give other numbers.
        var rules = new[] { OptimizerKind.Sgd, OptimizerKind.Sam, OptimizerKind.Usam, OptimizerKind.TwoStepUsam, OptimizerKind.HessianUsam };
        foreach (var r1 in rules)
            foreach (var r2 in rules.Where(r => r != r1))
            {
                var a = HandTrajectory(Spec(r1, Momentum.None), 1, 1)[1];
                var b = HandTrajectory(Spec(r2, Momentum.None), 1, 1)[1];
                Assert.True(a.Zip(b, (p, q) => Math.Abs(p - q)).Max() > 1e-4, $"{r1} and {r2} coincide");
            }
        // and momentum matters from the second step on
        var hb = HandTrajectory(Spec(OptimizerKind.Sgd, Momentum.HeavyBall), 0, 2)[2];
        var nest = HandTrajectory(Spec(OptimizerKind.Sgd, Momentum.Nesterov), 0, 2)[2];
        var none = HandTrajectory(Spec(OptimizerKind.Sgd, Momentum.None), 0, 2)[2];
        Assert.True(hb.Zip(nest, (p, q) => Math.Abs(p - q)).Max() > 1e-4);
        Assert.True(hb.Zip(none, (p, q) => Math.Abs(p - q)).Max() > 1e-4);
    }

    [Fact]
    public void A_torch_step_of_one_rule_does_not_match_the_hand_step_of_another()
    {
        var torchUsam = TorchTrajectory(Spec(OptimizerKind.Usam, Momentum.None), 1, 1).Xs;
        var handHessian = HandTrajectory(Spec(OptimizerKind.HessianUsam, Momentum.None), 1, 1);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertClose(handHessian, torchUsam));
    }

    [Fact]
    public void Sam_stays_put_at_an_exact_critical_point_but_not_next_to_one()
    {
        // f(x) = ½xᵀAx has ∇f(0) = 0 exactly: SAM's normalised perturbation is undefined there and
        // the step is ∇f(0) = 0. A point 1e-9 away has a tiny gradient, yet SAM perturbs by the full
        // ρ in its direction and steps by about αρ‖A u‖ — the discontinuity at critical points
        // that keeps the theorem from applying to SAM. USAM's step there is O(1e-9).
        TorchRuntime.Preload();
        var a = torch.tensor(new double[] { 3, 1, 0, 1, 2, 0.5, 0, 0.5, 1 }, dtype: ScalarType.Float64).reshape(3, 3);
        double StepSize(OptimizerKind kind, double[] start)
        {
            var x = new TorchSharp.Modules.Parameter(torch.tensor(start, dtype: ScalarType.Float64));
            using var opt = new TrainingOptimizer([x], Spec(kind, Momentum.None));
            opt.Step(() => 0.5 * x.dot(a.mv(x)));
            return Norm(Add(x.data<double>().ToArray(), start, -1));
        }
        Assert.Equal(0.0, StepSize(OptimizerKind.Sam, [0, 0, 0]));
        double[] near = [1e-9, 0, 0];
        // u = e₁ (the gradient A·near points along A's first column, normalised); step ≈ αρ‖A(Ae₁/‖Ae₁‖)‖.
        var dir = Mv(A, [1, 0, 0]);
        var unit = dir.Select(v => v / Norm(dir)).ToArray();
        double expected = 0.1 * 0.05 * Norm(Mv(A, unit));
        // The 1e-9 offset itself contributes at most α‖A‖·1e-9 ≈ 4e-10 to the step.
        Assert.Equal(expected, StepSize(OptimizerKind.Sam, near), 1e-8);
        Assert.True(StepSize(OptimizerKind.Usam, near) < 1e-8);
    }

    [Fact]
    public void Adam_matches_the_bias_corrected_update_and_exposes_its_preconditioner()
    {
        TorchRuntime.Preload();
        var s = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.05, Beta1 = 0.9, Beta2 = 0.99, Epsilon = 1e-8 };
        var x = new TorchSharp.Modules.Parameter(torch.tensor(X0, dtype: ScalarType.Float64));
        var a = torch.tensor(new double[] { 3, 1, 0, 1, 2, 0.5, 0, 0.5, 1 }, dtype: ScalarType.Float64).reshape(3, 3);
        var b = torch.tensor(B, dtype: ScalarType.Float64);
        using var opt = new TrainingOptimizer([x], s);
        Assert.Null(opt.AdamPreconditioner()); // nothing to freeze before a step

        double[] hx = (double[])X0.Clone(), m = new double[3], v = new double[3];
        double[] p = new double[3];
        for (int t = 1; t <= 3; t++)
        {
            opt.Step(() => 0.5 * x.dot(a.mv(x)) - b.dot(x));
            var g = Grad(hx, 0);
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i];
                p[i] = Math.Sqrt(v[i] / (1 - Math.Pow(0.99, t))) + 1e-8;
                hx[i] -= 0.05 * (m[i] / (1 - Math.Pow(0.9, t))) / p[i];
            }
            var now = x.data<double>().ToArray();
            for (int i = 0; i < 3; i++) Assert.Equal(hx[i], now[i], Tol);
        }
        var pre = opt.AdamPreconditioner()!;
        var got = pre[0].data<double>().ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(p[i], got[i], Tol);
    }

    [Fact]
    public void Invalid_hyperparameters_are_rejected_with_a_message()
    {
        TorchRuntime.Preload();
        var x = new TorchSharp.Modules.Parameter(torch.zeros(2, dtype: ScalarType.Float64));
        Assert.Contains("beta", Assert.Throws<ExperimentException>(() => new TrainingOptimizer([x], new OptimizerSpec { Momentum = Momentum.HeavyBall, Beta = 1.0 })).Message);
        Assert.Contains("learning rate", Assert.Throws<ExperimentException>(() => new TrainingOptimizer([x], new OptimizerSpec { LearningRate = 0 })).Message);
        Assert.Contains("rho", Assert.Throws<ExperimentException>(() => new TrainingOptimizer([x], new OptimizerSpec { Kind = OptimizerKind.Usam, Rho = -0.1 })).Message);
    }

    [Fact]
    public void The_Hessian_vector_product_matches_the_explicit_Hessian_of_the_quartic()
    {
        TorchRuntime.Preload();
        var x = new TorchSharp.Modules.Parameter(torch.tensor(X0, dtype: ScalarType.Float64));
        var a = torch.tensor(new double[] { 3, 1, 0, 1, 2, 0.5, 0, 0.5, 1 }, dtype: ScalarType.Float64).reshape(3, 3);
        var b = torch.tensor(B, dtype: ScalarType.Float64);
        double[] v = [1, -2, 0.5];
        var hv = Autodiff.HessianVectorProduct(() => x.pow(4).sum() / 4 + 0.5 * x.dot(a.mv(x)) - b.dot(x), [x], [torch.tensor(v, dtype: ScalarType.Float64)]);
        var expected = HessTimes(X0, v, 1);
        var got = hv[0].data<double>().ToArray();
        // Exact polynomial arithmetic in float64: rounding only.
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], got[i], 1e-12);
    }
}
