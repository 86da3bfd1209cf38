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
/// up until it reaches the filter's bound 2/α and then hovers there; heavy ball's bound is
/// 2(1+β)/α; Adam's top eigenvalue of P⁻¹H approaches 2(1+β₁)/(α(1−β₁)). Training uses the
/// experiments' optimizers with the whole subset as the batch, so each step is the deterministic
/// iteration the theorem is about.
/// </summary>
public static class EosExperiment
{
    public static IReadOnlyList<EosTrajectory> Run(EosSettings settings, TensorData data, IRegionSource? regions, string repositoryRoot, Action<string> log)
    {
        var n = Math.Min(settings.Examples, data.TrainCount);
        var x = data.TrainX.narrow(0, 0, n);
        var y = data.TrainY.narrow(0, 0, n);
        var results = new List<EosTrajectory>();
        foreach (var spec in settings.Optimizers)
        {
            var clock = Stopwatch.StartNew();
            TorchRuntime.Seed(settings.Seed, settings.Threads);
            var modelSpec = new Models.ModelSpec { Kind = "mlp", Hidden = settings.Hidden, Activation = settings.Activation };
            using var model = modelSpec.Build(data.ImageShape, 10, data.TrainX.device, data.TrainX.dtype);
            using var optimizer = new TrainingOptimizer(model.parameters(), spec);
            var query = CatalogQuery.ForOptimizer(spec, repositoryRoot);
            var (bound, source) = Bound(query, spec, regions);
            var letter = query.Variable == "mu" ? "μ_max(P⁻¹H)" : "λ_max";
            log($"{spec.Describe()}: full batch of {n} images, {settings.Steps} steps; bound {letter} ≤ {bound:G6} ({source})");
            var criterion = Criterion(settings.Loss);
            var loss = TrainingLoss.ForModel(model, x, y, n, criterion, $"MNIST, first {n} training images");
            var points = new List<EosPoint>();
            for (var step = 0; step <= settings.Steps; step++)
            {
                if (step % settings.MeasureEvery == 0 || step == settings.Steps)
                {
                    var point = Measure(step, model, loss, criterion, x, y, optimizer, settings);
                    points.Add(point);
                    var shown = query.Variable == "mu" ? point.MuMax ?? double.NaN : point.LambdaMax;
                    log($"  step {step,5}  loss {point.Loss:F4}  acc {100 * point.Accuracy:F1}%  λ_max {point.LambdaMax:G5}{(point.MuMax is { } mu ? $"  μ_max {mu:G5}" : "")}  ({100 * shown / bound:F0} % of bound)");
                    if (!double.IsFinite(point.Loss)) break;
                }
                if (step == settings.Steps) break;
                model.train();
                optimizer.Step(() => criterion(model.call(x), y));
            }
            var last = points[^1];
            var final = query.Variable == "mu" ? last.MuMax ?? double.NaN : last.LambdaMax;
            results.Add(new EosTrajectory(spec.Describe(), query.Describe(), query.Variable, bound, source, points.ToArray(), final / bound, clock.Elapsed.TotalSeconds));
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

    /// <summary>The region's upper end from the core; the paper's closed form (stated as such)
    /// when the core's command is unavailable.</summary>
    static (double Bound, string Source) Bound(CatalogQuery query, OptimizerSpec spec, IRegionSource? regions)
    {
        if (regions is not null)
        {
            try
            {
                var region = regions.Region(query);
                var upper = region.Intervals.Where(i => i.Upper is not null).Select(i => i.Upper!.Approx).DefaultIfEmpty(double.NaN).Max();
                if (double.IsFinite(upper)) return (upper, $"eigenverify region {query.Describe()}: R = {region}");
            }
            catch (ExperimentException e)
            {
                return (ClosedForm(spec), $"closed form from PAPER.md; the core was not available: {e.Message}");
            }
        }
        return (ClosedForm(spec), "closed form from PAPER.md");
    }

    static double ClosedForm(OptimizerSpec spec) => spec.Kind switch
    {
        OptimizerKind.Adam => 2 * (1 + spec.Beta1) / (spec.LearningRate * (1 - spec.Beta1)),
        OptimizerKind.Sgd when spec.Momentum == Momentum.HeavyBall => 2 * (1 + spec.Beta) / spec.LearningRate,
        OptimizerKind.Sgd when spec.Momentum == Momentum.None => 2 / spec.LearningRate,
        _ => throw new ExperimentException($"no closed-form bound for {spec.Describe()} in the edge-of-stability script"),
    };
}
