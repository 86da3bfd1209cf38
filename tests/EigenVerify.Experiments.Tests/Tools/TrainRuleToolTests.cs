using System.Globalization;
using System.Text.Json;
using EigenVerify.Experiments.Tests.Support;
using EigenVerify.Experiments.Tools;
using Xunit;

namespace EigenVerify.Experiments.Tests.Tools;

/// <summary><c>scripts/train-rule.fsx</c>: its refusals (in process, before any data is read) and
/// its smoke preset run as users run it.</summary>
public class TrainRuleToolTests
{
    const string TwoLag = "scripts/experiments/rules/two-lag-heavy-ball.rule";
    /// <summary>The same file for runs in this process, whose current folder is not the root.</summary>
    static readonly string TwoLagPath = Repository.Path("scripts", "experiments", "rules", "two-lag-heavy-ball.rule");

    static (int Code, List<string> Errors) Run(params string[] args)
    {
        var output = new List<string>();
        var errors = new List<string>();
        var code = TrainRuleTool.Run(Repository.Root, args, output.Add, errors.Add);
        return (code, errors);
    }

    [Fact]
    public void A_rule_that_does_not_parse_is_refused_at_its_file_line_and_column()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.rule"], "optimizer bad\nparams alpha > 0\nstate x\nx' = x - alpha*gard(x)\n");
        var (code, errors) = Run("--rule", dir["bad.rule"], "--params", "alpha=0.1");
        Assert.Equal(1, code);
        Assert.Equal([$"error: {dir["bad.rule"]}:4:16: unknown-operator: unknown operator 'gard' (known: grad, hess, precond, norm, dot)"], errors);
    }

    [Fact]
    public void A_rule_without_a_gradient_is_refused_at_its_update_of_x()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["still.rule"], "optimizer still\nparams beta > 0\nstate x\n\nx' = beta*x\n");
        var (code, errors) = Run("--rule", dir["still.rule"], "--params", "beta=0.5");
        Assert.Equal(1, code);
        Assert.Equal([$"error: {dir["still.rule"]}:5:1: not-trainable: rule still never evaluates grad(...) or hess(...), so training has no loss to step on: the update of x must use the gradient"], errors);
    }

    public static TheoryData<string[], int, string> Refusals() => new()
    {
        { ["--rule", TwoLagPath], 2, "error: --params is required (NAME=VALUE,...) (see --help)" },
        { ["--rule", TwoLagPath, "--params", "alpha=0.01,beta=0.8"], 2, "error: --params: no value for gamma (rule two-lag-heavy-ball takes alpha=…,beta=…,gamma=…) (see --help)" },
        { ["--rule", TwoLagPath, "--params", "alpha=0.01,beta=0.8,gamma=1"], 2, "error: --params: gamma=1 is outside the rule's domain 0 <= gamma < 1 (see --help)" },
        { ["--rule", TwoLagPath, "--params", "alpha=0.01,beta=0.8,gamma=0.1,rho=0.1"], 2, "error: --params: rule two-lag-heavy-ball has no hyperparameter 'rho' (it has: alpha, beta, gamma) (see --help)" },
        { ["--rule", TwoLagPath, "--params", "alpha=0.01,beta=0.8,gamma=0.1", "--compare", "lion"], 1, "error: --compare: unknown optimizer 'lion' (known: sgd, heavy-ball, nesterov, sam, usam, usam2, hessian-usam (these four also with -hb or -nesterov), adam)" },
        { ["--optimizer", "gd", "--params", "alpha=0.1", "--compare", "usam"], 1, "error: --compare usam: needs rho in --params" },
        { ["--rule", TwoLagPath, "--params", "alpha=0.01,beta=0.8,gamma=0.1", "--beta2", "0.9"], 2, "error: rule two-lag-heavy-ball does not use precond(...) and no adam is compared: --precond, --beta2, --eps and --bias-correction do not apply (see --help)" },
        { ["--optimizer", "rmsprop-frozen", "--params", "alpha=0.01", "--beta2", "1"], 2, "error: --beta2 1: must be in [0, 1) (see --help)" },
        { ["--optimizer", "gd", "--rule", TwoLagPath, "--params", "alpha=0.1"], 2, "error: give either --optimizer or --rule, not both (see --help)" },
        { ["--optimizer", "lion", "--params", "alpha=0.1"], 1, "error: unknown optimizer 'lion' (catalog: gd, heavy-ball, nesterov, sam, sam-hb, sam-nesterov, usam, usam-hb, usam-nesterov, two-step-usam, two-step-usam-hb, two-step-usam-nesterov, hessian-usam, hessian-usam-hb, hessian-usam-nesterov, rmsprop-frozen, adam-frozen, adagrad-frozen)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_command_lines_are_refused_in_one_line_naming_the_problem(string[] args, int code, string message)
    {
        var (actual, errors) = Run(args);
        Assert.Equal(code, actual);
        Assert.Equal([message], errors);
    }

    [NeedsNpmFact]
    public void The_smoke_preset_trains_a_user_rule_beside_heavy_ball_and_places_both_in_their_exact_regions()
    {
        using var outDir = new TempDir();
        var stdout = FsiScript.Run("scripts/train-rule.fsx", "--rule", TwoLag, "--params", "alpha=0.01,beta=0.8,gamma=0.1", "--compare", "heavy-ball", "--out", outDir.Path);

        foreach (var file in new[] { "summary.json", "summary.csv", "runs.csv", "accuracy.png", "curves.png", "hessian.md", "hessian.csv", "spectrum.png" })
            Assert.True(new FileInfo(outDir[file]) is { Exists: true, Length: > 0 }, $"{file} missing or empty");
        Assert.Equal(["sgd_beta0.8_seed0", "two-lag-heavy-ball_seed0"], Directory.GetFiles(outDir["runs"], "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToArray());

        // The regions, derived by hand: on H = λ the two-lag rule's characteristic polynomial
        // z³ − (1 − αλ + β)z² − (γ − β)z + γ has a root at z = −1 exactly when αλ = 2(1 + β − γ),
        // its only exit from the unit disk for λ ≥ 0 here: R = [0, 2(1 + β − γ)/α] = [0, 340].
        // Heavy ball's is [0, 2(1 + β)/α] = [0, 360].
        var table = Csv.Read(outDir["hessian.csv"]).ToDictionary(r => r["run"]);
        Assert.Equal(["sgd_beta0.8_seed0", "two-lag-heavy-ball_seed0"], table.Keys.Order(StringComparer.Ordinal));
        foreach (var (run, catalog, parameters, bound) in new[]
        {
            ("two-lag-heavy-ball_seed0", "two-lag-heavy-ball", "alpha=1/100,beta=4/5,gamma=1/10", 340.0),
            ("sgd_beta0.8_seed0", "heavy-ball", "alpha=1/100,beta=4/5", 360.0),
        })
        {
            var row = table[run];
            Assert.Equal((catalog, parameters, "lambda", ""), (row["catalog"], row["params"], row["variable"], row["filter_error"]));
            Assert.Equal(bound, double.Parse(row["bound"], CultureInfo.InvariantCulture));
            var value = double.Parse(row["top_value"], CultureInfo.InvariantCulture);
            Assert.True(value > 0 && double.IsFinite(value), $"{run}: λ_max {value}");
            Assert.Equal(value <= bound ? "yes" : "no", row["inside"]);
        }

        // The rule's run file states what ran: the exact hyperparameters, how the lags started,
        // and the program (one gradient evaluation per step).
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir["runs"], "two-lag-heavy-ball_seed0.json")));
        var rule = json.RootElement.GetProperty("extras").GetProperty("trainRule");
        Assert.Equal("alpha=1/100,beta=4/5,gamma=1/10", rule.GetProperty("params").GetString());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("preconditioner").ValueKind);
        Assert.Equal(["iterate", "iterate", "iterate"], rule.GetProperty("stateStarts").EnumerateObject().Select(p => p.Value.GetString()));
        Assert.Single(rule.GetProperty("program").GetString()!.Split('\n'), l => l.Contains("grad("));
        // Ten classes: two smoke epochs must beat guessing (10 %) clearly.
        Assert.InRange(json.RootElement.GetProperty("testAccuracy").GetDouble(), 0.2, 1.0);
        Assert.Contains("rule two-lag-heavy-ball(alpha=1/100,beta=4/5,gamma=1/10) lowered to", stdout);
    }
}
