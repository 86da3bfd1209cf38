using System.Globalization;
using System.Text.Json;
using EigenVerify.Experiments.Tests.Support;
using Xunit;

namespace EigenVerify.Experiments.Tests.Tools;

/// <summary>The scripts users run, run the same way on real MNIST.</summary>
public class FigureScriptTests
{
    /// <summary>Figure 1 of the paper: SGD and its SAM-family versions, each without momentum and with β = 0.9.</summary>
    static readonly string[] Figure1Rules = { "sgd", "sam", "usam", "usam2", "hessian-usam" };

    /// <summary>
    /// The core's rule and exact hyperparameters for a Figure 1 run, written out by hand: β = 0
    /// runs the plain rule at α = 1/10, β = 0.9 the heavy-ball rule at α = 1/100; SAM's
    /// normalisation keeps the theorem from applying.
    /// </summary>
    static (string Catalog, bool TheoremApplies) ExpectedRule(string optimizer, double beta, double rho)
    {
        var name = optimizer switch { "sgd" => "gd", "usam2" => "two-step-usam", _ => optimizer };
        if (beta != 0) name = name == "gd" ? "heavy-ball" : name + "-hb";
        var rhoText = new Dictionary<double, string> { [0.01] = "1/100", [0.02] = "1/50", [0.05] = "1/20", [0.1] = "1/10", [0.2] = "1/5" };
        var ps = new List<string> { beta == 0 ? "alpha=1/10" : "alpha=1/100" };
        if (beta != 0) ps.Add("beta=9/10");
        if (optimizer != "sgd") ps.Add("rho=" + rhoText[rho]);
        return ($"{name}({string.Join(",", ps)})", optimizer != "sam");
    }

    [NeedsNpmFact]
    public void The_figure1_smoke_script_writes_results_and_the_filter_check_for_every_optimizer_with_and_without_momentum()
    {
        using var outDir = new TempDir();
        var stdout = FsiScript.Run("scripts/figure1-mnist.fsx", "--preset", "smoke", "--out", outDir.Path);

        foreach (var file in new[] { "summary.json", "summary.csv", "runs.csv", "accuracy.png", "curves.png", "hessian.md", "hessian.csv", "spectrum.png", "density.png" })
            Assert.True(new FileInfo(outDir[file]) is { Exists: true, Length: > 0 }, $"{file} missing or empty");

        using var summary = JsonDocument.Parse(File.ReadAllText(outDir["summary.json"]));
        Assert.Equal("mnist", summary.RootElement.GetProperty("dataset").GetString());
        var rows = summary.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => (rule: r.GetProperty("rule").GetString()!, beta: r.GetProperty("beta").GetDouble(), acc: r.GetProperty("testAccuracy").GetDouble()))
            .ToList();
        foreach (var rule in Figure1Rules)
            foreach (var beta in new[] { 0.0, 0.9 })
                Assert.Contains(rows, r => r.rule == rule && r.beta == beta);
        // Ten classes: even two smoke epochs must beat guessing (10 %) clearly, or the data or training is broken.
        Assert.All(rows, r => Assert.InRange(r.acc, 0.2, 1.0));

        var csv = File.ReadAllLines(outDir["summary.csv"]);
        Assert.Equal(rows.Count + 1, csv.Length);
        // PNG signature: the plots are real images, not placeholders.
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47 };
        Assert.Equal(png, File.ReadAllBytes(outDir["accuracy.png"]).Take(4).ToArray());

        // The filter check: every run's λ_max is measured and placed in the region the core gives
        // for its rule (every rule is in the core's catalog), or the theorem is
        // said not to apply (SAM), printed while the sweep runs and tabulated in hessian.csv.
        int runs = Directory.GetFiles(outDir["runs"], "*.json").Length;
        Assert.Equal(30, runs); // Figure 1 smoke: sgd + 3 radii for sam, usam, usam2 + 5 for hessian-usam = 15 runs, each at β = 0 and 0.9
        var table = Csv.Read(outDir["hessian.csv"]);
        Assert.Equal(runs, table.Count);
        var lines = stdout.Split('\n');
        foreach (var row in table)
        {
            var (catalog, theoremApplies) = ExpectedRule(row["optimizer"], double.Parse(row["beta"], CultureInfo.InvariantCulture), double.Parse(row["rho"], CultureInfo.InvariantCulture));
            var run = row["run"];
            Assert.Equal("", row["filter_error"]);
            Assert.Equal(catalog, $"{row["catalog"]}({row["params"]})");
            Assert.Equal("lambda", row["variable"]);
            Assert.True(double.IsFinite(double.Parse(row["lambda_max"], CultureInfo.InvariantCulture)), $"{run}: λ_max {row["lambda_max"]}");
            if (theoremApplies)
            {
                var value = double.Parse(row["top_value"], CultureInfo.InvariantCulture);
                var bound = double.Parse(row["bound"], CultureInfo.InvariantCulture);
                // A trained network's top curvature is positive, so it lies in the region's
                // interval from 0 exactly when it is at most that interval's upper end.
                Assert.True(value > 0, $"{run}: λ_max {value}");
                Assert.Equal(value <= bound ? "yes" : "no", row["inside"]);
                Assert.Equal(row["inside"] == "no" ? "yes" : "no", row["flagged"]);
            }
            else Assert.Equal("n/a", row["inside"]);
            Assert.Equal("yes", row["stochastic"]); // batches of 128 out of 1 000 images
            Assert.Single(lines, l => l.StartsWith($"  {run} — {catalog}: ", StringComparison.Ordinal));
        }
    }

    [NeedsNpmFact]
    public void The_edge_of_stability_smoke_script_writes_its_plot_and_the_final_ratio_to_each_bound()
    {
        using var outDir = new TempDir();
        var stdout = FsiScript.Run("scripts/edge-of-stability.fsx", "--preset", "smoke", "--out", outDir.Path);
        foreach (var file in new[] { "eos.png", "eos.csv", "eos.json" })
            Assert.True(new FileInfo(outDir[file]) is { Exists: true, Length: > 0 }, $"{file} missing or empty");
        // Each optimizer's bound is the upper end of the core's region, here checked against hand
        // derivations: 2/α = 20 for GD (α = 0.1), 2(1+β)/α = 38 for heavy ball (β = 0.9), and
        // 2(1+β₁)/(α(1−β₁)) = 3800 for Adam (α = 0.01, β₁ = 0.9), stated in μ (eigenvalues of P⁻¹H).
        using var eos = JsonDocument.Parse(File.ReadAllText(outDir["eos.json"]));
        var runs = eos.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(
            [("gd(alpha=1/10)", "lambda", 20.0), ("heavy-ball(alpha=1/10,beta=9/10)", "lambda", 38.0), ("adam-frozen(alpha=1/100,beta1=9/10)", "mu", 3800.0)],
            runs.Select(r => (r.GetProperty("catalog").GetString(), r.GetProperty("variable").GetString(), r.GetProperty("bound").GetDouble())));
        foreach (var r in runs)
        {
            Assert.StartsWith($"the core's region of {r.GetProperty("catalog").GetString()}: R = [0, ", r.GetProperty("boundSource").GetString());
            var last = r.GetProperty("points").EnumerateArray().Last();
            var value = last.GetProperty(r.GetProperty("variable").GetString() == "mu" ? "muMax" : "lambdaMax").GetDouble();
            Assert.True(double.IsFinite(value) && value > 0, $"{r.GetProperty("catalog")}: final top eigenvalue {value}");
            // The same division of the same round-tripped doubles: equal exactly.
            Assert.Equal(value / r.GetProperty("bound").GetDouble(), r.GetProperty("finalRatio").GetDouble());
        }
        // and the script prints one final line per optimizer
        var finals = stdout.Split('\n').SkipWhile(l => !l.StartsWith("final top eigenvalue")).Skip(1).Count(l => l.Contains("ratio ="));
        Assert.Equal(3, finals);
    }
}
