using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EigenVerify.Experiments.Data;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Plotting;
using ScottPlot;
using TorchSharp;
using static TorchSharp.torch;

namespace EigenVerify.Experiments.Hessian;

/// <summary>
/// Settings of the edge-of-stability experiment: full-batch training on the first
/// <see cref="Examples"/> MNIST training images, λ_max (and for Adam μ_max of P⁻¹H) measured
/// every <see cref="MeasureEvery"/> steps on the same images.
/// </summary>
public sealed record EosSettings(
    string Preset,
    int Examples,
    int[] Hidden,
    string Activation,
    string Loss,
    int Steps,
    int MeasureEvery,
    int LanczosSteps,
    OptimizerSpec[] Optimizers,
    int Seed = 0,
    int Threads = 2)
{
    /// <summary>
    /// Our presets. tanh keeps the loss C² (the theorem's hypothesis) and the squared loss shows
    /// sharpening clearly. The learning rates are the paper's α = 1/10, β = 9/10 and Adam's
    /// α = 1/100, β₁ = 9/10, so the bounds are GD 2/α = 20, heavy ball 2(1+β)/α = 38, Adam
    /// 2(1+β₁)/(α(1−β₁)) = 3 800 (in μ).
    /// </summary>
    public static EosSettings ForPreset(string preset)
    {
        OptimizerSpec[] optimizers(double gd, double hb, double adam) =>
        [
            new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = gd },
            new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = hb, Momentum = Momentum.HeavyBall, Beta = 0.9 },
            new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = adam, Beta1 = 0.9, Beta2 = 0.999 },
        ];
        return preset switch
        {
            "smoke" => new("smoke", 500, [32], "tanh", "mse", 200, 10, 12, optimizers(0.1, 0.1, 0.01)),
            "small" => new("small", 2000, [64, 64], "tanh", "mse", 1000, 25, 20, optimizers(0.1, 0.1, 0.01)),
            _ => throw new ExperimentException($"unknown edge-of-stability preset '{preset}' (known: smoke, small)"),
        };
    }
}

/// <summary>One measurement along a run.</summary>
public sealed record EosPoint(int Step, double Loss, double Accuracy, double LambdaMax, double? MuMax);

/// <summary>One optimizer's trajectory, its bound and where it ended relative to the bound.</summary>
/// <param name="Bound">Upper end of the exact region (2/α, 2(1+β)/α, or 2(1+β₁)/(α(1−β₁)) in μ).</param>
/// <param name="BoundSource">"eigenverify" when the core computed it, else the closed form used.</param>
/// <param name="FinalRatio">Final λ_max (μ_max for Adam) divided by the bound.</param>
public sealed record EosTrajectory(string Optimizer, string Catalog, string Variable, double Bound, string BoundSource, EosPoint[] Points, double FinalRatio, double Seconds);

/// <summary>
/// Edge of stability (Cohen et al.'s phenomenon, in the paper's terms): full-batch GD drives λ_max
/// up until it reaches the filter's bound 2/α and then hovers there; heavy ball's bound is
/// 2(1+β)/α; Adam's top eigenvalue of P⁻¹H approaches 2(1+β₁)/(α(1−β₁)). Training uses the
/// experiments' optimizers with the whole subset as the batch, so each step is the deterministic
/// iteration the theorem is about.
/// </summary>
public static class EdgeOfStability
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

    /// <summary>Writes eos.json, eos.csv and eos.png under <paramref name="outDir"/>.</summary>
    public static void Write(EosSettings settings, IReadOnlyList<EosTrajectory> runs, string outDir)
    {
        PlotFont.Ensure();
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, "eos.json"), JsonSerializer.Serialize(new { settings, runs }, HessianRecord.Json));
        var csv = new StringBuilder("optimizer,variable,bound,step,loss,accuracy,lambda_max,mu_max\n");
        foreach (var r in runs)
            foreach (var p in r.Points)
                csv.AppendLine(string.Join(",", r.Optimizer, r.Variable, F(r.Bound), p.Step.ToString(CultureInfo.InvariantCulture), F(p.Loss), F(p.Accuracy), F(p.LambdaMax), p.MuMax is { } m ? F(m) : ""));
        AtomicFile.WriteAllText(Path.Combine(outDir, "eos.csv"), csv.ToString());

        var mp = new Multiplot();
        mp.AddPlots(runs.Count);
        mp.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var plt = mp.GetPlot(i);
            var xs = r.Points.Select(p => (double)p.Step).ToArray();
            // Adam's bound is in μ (P⁻¹H); λ_max(H) is orders smaller and stays in eos.csv.
            var ys = r.Points.Select(p => r.Variable == "mu" ? p.MuMax ?? double.NaN : p.LambdaMax).ToArray();
            var series = plt.Add.Scatter(xs, ys);
            series.LegendText = r.Variable == "mu" ? "μ_max(P⁻¹H)" : "λ_max(H)";
            var bound = plt.Add.HorizontalLine(r.Bound);
            bound.LinePattern = LinePattern.Dashed;
            bound.LegendText = r.Variable == "mu" ? "2(1+β₁)/(α(1−β₁))" : r.Optimizer.Contains(" hb ") ? "2(1+β)/α" : "2/α";
            // The first steps can start far above the bound (the catapult); clip the axis at twice
            // the bound so the approach to the bound stays readable.
            var top = ys.Where(double.IsFinite).DefaultIfEmpty(r.Bound).Max();
            var clipped = top > 2 * r.Bound;
            plt.Axes.SetLimitsY(0, 1.05 * Math.Min(Math.Max(top, r.Bound), 2 * r.Bound));
            plt.Axes.SetLimitsX(0, Math.Max(1, xs[^1]));
            plt.Title(r.Optimizer + (clipped ? " (axis clipped at 2× bound)" : ""));
            plt.XLabel("step (full batch)");
            plt.YLabel(r.Variable == "mu" ? "top eigenvalue" : "λ_max");
            plt.ShowLegend(Alignment.LowerRight);
        }
        var tmp = Path.Combine(Path.GetFullPath(outDir), $".eos.{Environment.ProcessId}.png");
        mp.SavePng(tmp, 500 * runs.Count, 450);
        File.Move(tmp, Path.Combine(outDir, "eos.png"), overwrite: true);
    }

    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// Command line of <c>scripts/edge-of-stability.fsx</c>:
/// <c>[--preset smoke|small] [--out DIR] [--data-dir DIR] [--cache-dir DIR] [--threads N] [--no-core]</c>.
/// Prints the final ratio of each optimizer's top eigenvalue to its bound. Exit 0 on success,
/// 1 on a failed run, 2 on bad arguments; errors are one line.
/// </summary>
public static class EdgeOfStabilityCli
{
    const string Usage = "options: --preset smoke|small (default smoke), --out DIR (default results/edge-of-stability/<preset>), --data-dir DIR, --cache-dir DIR (default .cache), --threads N, --no-core (closed-form bounds instead of asking eigenverify)";

    public static int Run(string repositoryRoot, string[] args)
    {
        string preset = "smoke";
        string? outDir = null;
        int? threads = null;
        var useCore = true;
        var a = new ToolArguments(args);
        try
        {
            while (a.Next(out var option))
            {
                if (a.Data(option)) continue;
                switch (option)
                {
                    case "--preset": preset = a.Value(); break;
                    case "--out": outDir = a.Value(); break;
                    case "--threads": threads = a.Positive(); break;
                    case "--no-core": useCore = false; break;
                    case "--help" or "-h": throw new UsageException(Usage);
                    default: throw new UsageException($"unknown argument '{option}'; {Usage}");
                }
            }
            if (preset is not ("smoke" or "small")) throw new UsageException($"--preset {preset}: expected smoke or small");
            var settings = EosSettings.ForPreset(preset);
            if (threads is { } th) settings = settings with { Threads = th };
            outDir ??= Path.Combine("results", "edge-of-stability", preset);
            TorchRuntime.Preload();
            TorchRuntime.Seed(settings.Seed, settings.Threads);
            Console.WriteLine($"edge of stability, preset {preset}: MLP {string.Join('-', settings.Hidden)} {settings.Activation}, first {settings.Examples} MNIST training images, full batch");
            using var data = DatasetLoader.Load(new DataOptions("mnist", a.DataDir, a.CacheDir, settings.Examples, 100), CPU, ScalarType.Float32, Console.WriteLine);
            var regions = useCore ? CliRegionSource.Locate(repositoryRoot) : null;
            var runs = EdgeOfStability.Run(settings, data, regions, repositoryRoot, Console.WriteLine);
            EdgeOfStability.Write(settings, runs, outDir);
            Console.WriteLine();
            Console.WriteLine("final top eigenvalue / bound:");
            foreach (var r in runs)
            {
                var last = r.Points[^1];
                var value = r.Variable == "mu" ? last.MuMax ?? double.NaN : last.LambdaMax;
                Console.WriteLine(FormattableString.Invariant($"  {r.Optimizer,-28} {(r.Variable == "mu" ? "μ_max" : "λ_max")} = {value,10:G5}  bound = {r.Bound,10:G6}  ratio = {r.FinalRatio:F3}  (step {last.Step})"));
            }
            Console.WriteLine($"wrote {Path.Combine(outDir, "eos.png")}, eos.csv, eos.json");
            return 0;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (ExperimentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
