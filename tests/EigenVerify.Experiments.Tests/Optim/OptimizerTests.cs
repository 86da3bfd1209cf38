using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Tests.Support;
using Xunit;
using static EigenVerify.Experiments.Tests.Support.Quartic;

namespace EigenVerify.Experiments.Tests.Optim;

/// <summary>
/// Each optimizer kind, stepped by <see cref="TrainingOptimizer"/> in float64, against the same
/// update written out by hand on plain double arrays (the oracle below shares no code with it).
/// </summary>
public class OptimizerTests
{
    // Float64 throughout; the two computations differ only in summation order inside torch's
    // matrix-vector products, i.e. by a few ulps of O(1) numbers amplified over three steps.
    const double Tol = 1e-10;

    static readonly double[,] A = { { 3, 1, 0 }, { 1, 2, 0.5 }, { 0, 0.5, 1 } };
    static readonly double[] B = [1, -1, 0.5];
    static readonly double[] X0 = [0.3, -0.2, 0.7];

    static Quartic F(double q) => new(A, B, q);

    // ---- the hand oracle ------------------------------------------------------------------
    static double[] Direction(OptimizerKind kind, double rho, double[] x, Quartic f)
    {
        var g = f.Gradient(x);
        switch (kind)
        {
            case OptimizerKind.Sgd: return g;
            case OptimizerKind.Usam: return f.Gradient(Add(x, g, rho));
            case OptimizerKind.Sam: return f.Gradient(Add(x, g, rho / Norm(g)));
            case OptimizerKind.TwoStepUsam:
                var y = Add(x, g, rho);
                var z = Add(y, f.Gradient(y), rho);
                return f.Gradient(z);
            case OptimizerKind.HessianUsam:
                var u = f.Gradient(Add(x, g, rho));
                return Add(u, f.HessianTimes(x, u), rho);
            default: throw new ArgumentException(kind.ToString());
        }
    }

    static List<double[]> HandTrajectory(OptimizerSpec s, double q, int steps)
    {
        var f = F(q);
        var xs = new List<double[]> { X0 };
        double[] x = X0, prev = X0;
        for (int k = 0; k < steps; k++)
        {
            double[] next;
            if (s.Momentum == Momentum.Nesterov)
            {
                var y = Add(x, Add(x, prev, -1), s.Beta);
                next = Add(y, Direction(s.Kind, s.Rho, y, f), -s.LearningRate);
            }
            else
            {
                double beta = s.Momentum == Momentum.HeavyBall ? s.Beta : 0;
                next = Add(Add(x, Direction(s.Kind, s.Rho, x, f), -s.LearningRate), Add(x, prev, -1), beta);
            }
            prev = x; x = next;
            xs.Add(x);
        }
        return xs;
    }

    // ---- the implementation under test ---------------------------------------------------------
    static (List<double[]> Xs, List<double> Losses) TorchTrajectory(OptimizerSpec s, double q, int steps)
    {
        var x = Parameter(X0);
        var loss = F(q).TorchLoss(x);
        using var opt = new TrainingOptimizer([x], s);
        var xs = new List<double[]> { x.data<double>().ToArray() };
        var losses = new List<double>();
        for (int k = 0; k < steps; k++)
        {
            losses.Add(opt.Step(loss));
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

    static readonly OptimizerKind[] Directions = [OptimizerKind.Sgd, OptimizerKind.Sam, OptimizerKind.Usam, OptimizerKind.TwoStepUsam, OptimizerKind.HessianUsam];

    public static TheoryData<OptimizerKind, Momentum> AllKindsAndMomenta()
    {
        var d = new TheoryData<OptimizerKind, Momentum>();
        foreach (var r in Directions)
            foreach (var m in Enum.GetValues<Momentum>())
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
    [MemberData(nameof(AllKindsAndMomenta))]
    public void Three_steps_on_a_quadratic_match_the_hand_computed_update(OptimizerKind kind, Momentum momentum)
    {
        var s = Spec(kind, momentum);
        AssertClose(HandTrajectory(s, 0, 3), TorchTrajectory(s, 0, 3).Xs);
    }

    [Theory]
    [MemberData(nameof(AllKindsAndMomenta))]
    public void Three_steps_on_a_quartic_with_varying_Hessian_match_the_hand_computed_update(OptimizerKind kind, Momentum momentum)
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
        Assert.Equal(F(0).Value(hand[0]), losses[0], Tol);
        Assert.Equal(F(0).Value(hand[1]), losses[1], Tol); // (see Tol)
    }

    [Fact]
    public void The_oracle_tells_every_pair_of_kinds_apart()
    {
        // Guards the tests above against passing vacuously: a wrong kind must give other numbers.
        foreach (var r1 in Directions)
            foreach (var r2 in Directions.Where(r => r != r1))
            {
                var a = HandTrajectory(Spec(r1, Momentum.None), 1, 1)[1];
                var b = HandTrajectory(Spec(r2, Momentum.None), 1, 1)[1];
                Assert.True(MaxGap(a, b) > 1e-4, $"{r1} and {r2} coincide");
            }
        // and momentum matters from the second step on
        var hb = HandTrajectory(Spec(OptimizerKind.Sgd, Momentum.HeavyBall), 0, 2)[2];
        var nest = HandTrajectory(Spec(OptimizerKind.Sgd, Momentum.Nesterov), 0, 2)[2];
        var none = HandTrajectory(Spec(OptimizerKind.Sgd, Momentum.None), 0, 2)[2];
        // 1e-4: six orders above Tol, so a mix-up could not hide in the tolerance.
        Assert.True(MaxGap(hb, nest) > 1e-4);
        Assert.True(MaxGap(hb, none) > 1e-4);
    }

    [Fact]
    public void A_torch_step_of_one_kind_does_not_match_the_hand_step_of_another()
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
        var f = new Quartic(A, new double[3], 0);
        double StepSize(OptimizerKind kind, double[] start)
        {
            var x = Parameter(start);
            using var opt = new TrainingOptimizer([x], Spec(kind, Momentum.None));
            opt.Step(f.TorchLoss(x));
            return Norm(Add(x.data<double>().ToArray(), start, -1));
        }
        Assert.Equal(0.0, StepSize(OptimizerKind.Sam, [0, 0, 0]));
        double[] near = [1e-9, 0, 0];
        // u = Ae₁/‖Ae₁‖ (the gradient A·near, normalised); step ≈ αρ‖Au‖.
        var dir = Times(A, [1, 0, 0]);
        var unit = dir.Select(v => v / Norm(dir)).ToArray();
        double expected = 0.1 * 0.05 * Norm(Times(A, unit));
        // The 1e-9 offset itself contributes at most α‖A‖·1e-9 ≈ 4e-10 to the step.
        Assert.Equal(expected, StepSize(OptimizerKind.Sam, near), 1e-8);
        Assert.True(StepSize(OptimizerKind.Usam, near) < 1e-8); // α‖(I + ρA)A‖·1e-9 ≈ 4e-10
    }

    [Fact]
    public void Adam_matches_the_bias_corrected_update_and_exposes_its_preconditioner()
    {
        var s = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.05, Beta1 = 0.9, Beta2 = 0.99, Epsilon = 1e-8 };
        var x = Parameter(X0);
        var loss = F(0).TorchLoss(x);
        using var opt = new TrainingOptimizer([x], s);
        Assert.Null(opt.AdamPreconditioner()); // nothing to freeze before a step

        double[] hx = (double[])X0.Clone(), m = new double[3], v = new double[3];
        double[] p = new double[3];
        for (int t = 1; t <= 3; t++)
        {
            opt.Step(loss);
            var g = F(0).Gradient(hx);
            for (int i = 0; i < 3; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i];
                p[i] = Math.Sqrt(v[i] / (1 - Math.Pow(0.99, t))) + 1e-8;
                hx[i] -= 0.05 * (m[i] / (1 - Math.Pow(0.9, t))) / p[i];
            }
            var now = x.data<double>().ToArray();
            for (int i = 0; i < 3; i++) Assert.Equal(hx[i], now[i], Tol); // (see Tol)
        }
        var pre = opt.AdamPreconditioner()!;
        var got = pre[0].data<double>().ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(p[i], got[i], Tol); // (see Tol)
    }

    [Fact]
    public void Invalid_hyperparameters_are_rejected_with_a_message()
    {
        var x = Parameter([0, 0]);
        Assert.Equal("momentum beta 1: must be in [0, 1)", Failure.Of(() => new TrainingOptimizer([x], new OptimizerSpec { Momentum = Momentum.HeavyBall, Beta = 1.0 })));
        Assert.Equal("learning rate 0: must be positive", Failure.Of(() => new TrainingOptimizer([x], new OptimizerSpec { LearningRate = 0 })));
        Assert.Equal("rho -0.1: must be non-negative", Failure.Of(() => new TrainingOptimizer([x], new OptimizerSpec { Kind = OptimizerKind.Usam, Rho = -0.1 })));
    }

    [Fact]
    public void The_Hessian_vector_product_matches_the_explicit_Hessian_of_the_quartic()
    {
        var x = Parameter(X0);
        double[] v = [1, -2, 0.5];
        var hv = Autodiff.HessianVectorProduct(F(1).TorchLoss(x), [x], [TorchSharp.torch.tensor(v, dtype: TorchSharp.torch.ScalarType.Float64)]);
        var expected = F(1).HessianTimes(X0, v);
        var got = hv[0].data<double>().ToArray();
        // Exact polynomial arithmetic in float64: rounding only.
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], got[i], 1e-12);
    }
}
