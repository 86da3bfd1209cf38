using System.Diagnostics;
using EigenVerify.Experiments.Curvature;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.LinearAlgebra;
using EigenVerify.Experiments.Models;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.EdgeOfStability;

/// <summary>
/// Edge of stability (Cohen et al.'s phenomenon, in the paper's terms): full-batch GD drives λ_max
/// up until it reaches the upper end of its exact region (2/α) and then hovers there; heavy ball
/// and Adam (whose region is stated in the eigenvalues μ of P⁻¹H) behave alike against their own
/// regions. The bounds are the core's (through an <see cref="IRegionSource"/>), never a formula
/// of this project. Training uses the experiments' optimizers with the whole subset as the batch,
/// so each step is the deterministic iteration the theorem is about.
/// </summary>
public static class EosExperiment
{
    /// <param name="regions">Where the bounds come from; null measures without bounds.</param>
    public static IReadOnlyList<EosTrajectory> Run(EosSettings settings, TensorData data, IRegionSource? regions, Action<string> log)
    {
        // Every bound before any training: a missing region stops the experiment at once.
        var targets = settings.Optimizers.Select(spec => EosTarget.For(spec, regions)).ToList();
        var n = Math.Min(settings.Examples, data.TrainCount);
        var x = data.TrainX.narrow(0, 0, n);
        var y = data.TrainY.narrow(0, 0, n);
        var results = new List<EosTrajectory>();
        foreach (var (spec, target) in settings.Optimizers.Zip(targets))
        {
            var clock = Stopwatch.StartNew();
            TorchRuntime.Seed(settings.Seed, settings.Threads);
            var modelSpec = new ModelSpec { Kind = "mlp", Hidden = settings.Hidden, Activation = settings.Activation };
            using var model = modelSpec.Build(data.ImageShape, 10, data.TrainX.device, data.TrainX.dtype);
            using var optimizer = new TrainingOptimizer(model.parameters(), spec);
            var inMu = target.Variable == "mu";
            log($"{spec.Describe()}: full batch of {n} images, {settings.Steps} steps; {(target.Bound is { } b ? $"bound {(inMu ? "μ_max(P⁻¹H)" : "λ_max")} ≤ {b:G6}" : "no bound")} ({target.Source})");
            var criterion = Criterion(settings.Loss);
            var loss = TrainingLoss.ForModel(model, x, y, n, criterion, $"MNIST, first {n} training images");
            var points = new List<EosPoint>();
            for (var step = 0; step <= settings.Steps; step++)
            {
                if (step % settings.MeasureEvery == 0 || step == settings.Steps)
                {
                    var point = Measure(step, model, loss, criterion, x, y, optimizer, settings);
                    points.Add(point);
                    var shown = inMu ? point.MuMax ?? double.NaN : point.LambdaMax;
                    var share = target.Bound is { } bound ? $"  ({100 * shown / bound:F0} % of bound)" : "";
                    log($"  step {step,5}  loss {point.Loss:F4}  acc {100 * point.Accuracy:F1}%  λ_max {point.LambdaMax:G5}{(point.MuMax is { } mu ? $"  μ_max {mu:G5}" : "")}{share}");
                    if (!double.IsFinite(point.Loss)) break;
                }
                if (step == settings.Steps) break;
                model.train();
                optimizer.Step(() => criterion(model.call(x), y));
            }
            var last = points[^1];
            var final = inMu ? last.MuMax ?? double.NaN : last.LambdaMax;
            results.Add(new EosTrajectory(spec.Describe(), target.Query.Describe(), target.Variable, target.Bound, target.Source,
                points.ToArray(), final / target.Bound, clock.Elapsed.TotalSeconds));
        }
        return results;
    }

    /// <summary>
    /// <c>mse</c>: ½‖f(x) − e_y‖² averaged over examples (one-hot targets; the loss of Cohen et
    /// al.'s edge-of-stability study, where sharpening is clearest); <c>cross-entropy</c>: mean
    /// cross-entropy, whose curvature shrinks as margins grow late in training.
    /// </summary>
    public static Func<Tensor, Tensor, Tensor> Criterion(string name) => name switch
    {
        "mse" => (o, t) => 0.5 * (o - nn.functional.one_hot(t, o.shape[1]).to(o.dtype)).pow(2).sum(1).mean(),
        "cross-entropy" => (o, t) => nn.functional.cross_entropy(o, t),
        _ => throw new ExperimentException($"unknown loss '{name}' (known: mse, cross-entropy)"),
    };

    static EosPoint Measure(int step, nn.Module<Tensor, Tensor> model, TrainingLoss loss, Func<Tensor, Tensor, Tensor> criterion, Tensor x, Tensor y, TrainingOptimizer optimizer, EosSettings settings)
    {
        model.eval();
        using var scope = NewDisposeScope();
        double value, accuracy;
        using (no_grad())
        {
            var logits = model.call(x);
            value = criterion(logits, y).to(ScalarType.Float64).item<double>();
            accuracy = logits.argmax(1).eq(y).to(ScalarType.Float64).mean().item<double>();
        }
        if (!double.IsFinite(value)) return new EosPoint(step, value, accuracy, double.NaN, null);
        var options = new LanczosOptions(settings.LanczosSteps, 1e-3, settings.Seed);
        var lambda = Lanczos.Extremes(loss.Hessian, 1, options).Top(1)[0];
        double? mu = null;
        if (optimizer.AdamPreconditioner() is { } p)
        {
            var op = new PreconditionedOperator(loss.Hessian, loss.Flatten(p));
            mu = Lanczos.Extremes(op, 1, options).Top(1)[0];
        }
        return new EosPoint(step, value, accuracy, lambda, mu);
    }
}
