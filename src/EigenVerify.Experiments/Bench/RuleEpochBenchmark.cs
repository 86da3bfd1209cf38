using System.Diagnostics;
using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using EigenVerify.Symbolic;
using Microsoft.FSharp.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Bench;

/// <summary>Seconds per epoch of a catalog rule run through its lowered program and of the
/// hand-written optimizer it matches, and their ratio.</summary>
public sealed record RuleEpochTiming(string Rule, string HandWritten, double RuleSeconds, double HandSeconds)
{
    public double Ratio => RuleSeconds / HandSeconds;
}

/// <summary>
/// An epoch of the default MLP (784-256-256-10, ReLU, batch 128, float32, random data) through a
/// rule's program (<see cref="RuleOptimizer"/>) against the hand-written <see cref="TrainingOptimizer"/>,
/// in one process: the two alternate epoch by epoch (and in which goes first), so a machine busy with other work slows both
/// alike, and the median of each side is compared. The command line is
/// <see cref="Tools.RuleEpochBenchmarkTool"/>'s.
/// </summary>
public static class RuleEpochBenchmark
{
    /// <summary>Catalog rules and the hand-written optimizer (kind, momentum) that each matches.</summary>
    public static readonly (string Rule, OptimizerKind Kind, Momentum Momentum)[] Pairs =
    [
        ("gd", OptimizerKind.Sgd, Momentum.None),
        ("heavy-ball", OptimizerKind.Sgd, Momentum.HeavyBall),
        ("usam", OptimizerKind.Usam, Momentum.None),
        ("hessian-usam", OptimizerKind.HessianUsam, Momentum.None),
    ];

    const double Alpha = 0.01, Beta = 0.9, Rho = 0.05;

    public static RuleEpochTiming Time((string Rule, OptimizerKind Kind, Momentum Momentum) pair, int threads, int samples, int epochs)
    {
        TorchRuntime.Seed(0, threads);
        var x = torch.randn(samples, 1, 28, 28);
        var y = torch.randint(0, 10, [samples], dtype: ScalarType.Int64);
        var read = RuleSourceModule.Read(FSharpOption<string>.Some(pair.Rule), FSharpOption<string>.None);
        if (read.IsError) throw new ExperimentException(RuleSourceModule.Message(read.ErrorValue));
        var lowered = RuleLowering.Lower(read.ResultValue);
        if (lowered.IsError) throw new ExperimentException(lowered.ErrorValue.ToString());
        var program = lowered.ResultValue;
        var values = program.Parameters.Select(p => p switch { "alpha" => Alpha, "beta" => Beta, "rho" => Rho, _ => throw new ExperimentException($"rule {pair.Rule}: no benchmark value for {p}") }).ToArray();
        var spec = new OptimizerSpec { Kind = pair.Kind, Momentum = pair.Momentum, LearningRate = Alpha, Beta = pair.Momentum == Momentum.None ? 0 : Beta, Rho = Rho };
        using var handModel = new ModelSpec().Build([1, 28, 28], 10, CPU, ScalarType.Float32);
        using var ruleModel = new ModelSpec().Build([1, 28, 28], 10, CPU, ScalarType.Float32);
        using var hand = new TrainingOptimizer(handModel.parameters(), spec);
        using var rule = new RuleOptimizer(ruleModel.parameters(), program, values);
        var handTimes = new List<double>();
        var ruleTimes = new List<double>();
        for (int e = 0; e <= epochs; e++)
        {
            var perm = torch.randperm(samples);
            // which side goes first alternates too, so neither always runs on warm caches
            double h, r;
            if (e % 2 == 0)
            {
                h = Epoch(handModel, hand, x, y, perm);
                r = Epoch(ruleModel, rule, x, y, perm);
            }
            else
            {
                r = Epoch(ruleModel, rule, x, y, perm);
                h = Epoch(handModel, hand, x, y, perm);
            }
            if (e > 0) // epoch 0 warms up allocators and caches
            {
                handTimes.Add(h);
                ruleTimes.Add(r);
            }
        }
        return new RuleEpochTiming(pair.Rule, OptimizerSpec.KindName(pair.Kind) + (pair.Momentum == Momentum.None ? "" : "/" + pair.Momentum), Median(ruleTimes), Median(handTimes));
    }

    static double Median(List<double> xs)
    {
        xs.Sort();
        return xs[xs.Count / 2];
    }

    static double Epoch(nn.Module<Tensor, Tensor> model, ITrainingStep opt, Tensor x, Tensor y, Tensor perm)
    {
        var clock = Stopwatch.StartNew();
        long samples = x.shape[0];
        for (long s = 0; s < samples; s += 128)
        {
            using var scope = NewDisposeScope();
            var idx = perm.narrow(0, s, Math.Min(128, samples - s));
            var xb = x.index_select(0, idx);
            var yb = y.index_select(0, idx);
            opt.Step(() => nn.functional.cross_entropy(model.forward(xb), yb));
        }
        return clock.Elapsed.TotalSeconds;
    }
}
